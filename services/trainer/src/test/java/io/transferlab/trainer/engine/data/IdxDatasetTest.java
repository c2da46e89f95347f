package io.transferlab.trainer.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest {

    @TempDir
    Path dir;

    @Test
    void readsGzipAndRawIdxFilesToTheSameImages() throws IOException {
        TestFiles.writeMnist(dir.resolve("gz"), true);
        TestFiles.writeMnist(dir.resolve("raw"), false);

        LabeledDataset gz = Datasets.load("mnist", dir.resolve("gz"), 10);
        LabeledDataset raw = Datasets.load("MNIST", dir.resolve("raw"), null);

        assertThat(gz.train().count()).isEqualTo(40);
        assertThat(gz.test().count()).isEqualTo(20);
        assertThat(gz.train().channels()).isEqualTo(1);
        assertThat(gz.train().height()).isEqualTo(4);
        assertThat(gz.train().width()).isEqualTo(5);
        assertThat(gz.classNames()).hasSize(10);
        // pixel (image 3, position 6) was written as (3*7+6) % 256 = 27
        assertThat(gz.train().pixels()[3 * 20 + 6]).isEqualTo(27 / 255f);
        assertThat(gz.train().labels()[13]).isEqualTo(3);
        assertThat(raw.train().pixels()).containsExactly(gz.train().pixels());
        assertThat(raw.test().labels()).containsExactly(gz.test().labels());
        // the digest hashes the stored files, so compressed and raw copies differ but each is stable
        assertThat(gz.digest()).hasSize(64).isNotEqualTo(raw.digest());
        assertThat(Datasets.load("mnist", dir.resolve("gz"), null).digest()).isEqualTo(gz.digest());
    }

    @Test
    void digestChangesWhenOnePixelChanges() throws IOException {
        TestFiles.writeMnist(dir, false);
        String before = Datasets.load("mnist", dir, null).digest();
        byte[] images = TestFiles.idxImages(20, 4, 5);
        images[100] ^= 1;
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), images);
        assertThat(Datasets.load("mnist", dir, null).digest()).isNotEqualTo(before);
    }

    @Test
    void truncatedImageFileIsNamedWithWhatIsMissing() throws IOException {
        TestFiles.writeMnist(dir, false);
        byte[] images = TestFiles.idxImages(40, 4, 5);
        Path file = dir.resolve("train-images-idx3-ubyte");
        Files.write(file, Arrays.copyOf(images, images.length - 7));

        assertThatThrownBy(() -> Datasets.load("mnist", dir, null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated")
                .hasMessageContaining("40x4x5 = 800 values but only 793");
    }

    @Test
    void truncatedGzipFileIsReported() throws IOException {
        TestFiles.writeMnist(dir, true);
        Path file = dir.resolve("t10k-labels-idx1-ubyte.gz");
        byte[] gz = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(gz, gz.length / 2));

        assertThatThrownBy(() -> Datasets.load("mnist", dir, null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString())
                .hasMessageMatching("(?s).*(truncated|corrupt).*");
    }

    @Test
    void wrongMagicNumberIsReported() throws IOException {
        TestFiles.writeMnist(dir, false);
        // a label file where an image file is expected: 1 dimension instead of 3
        Path file = dir.resolve("train-images-idx3-ubyte");
        Files.write(file, TestFiles.idxLabels(TestFiles.cyclicLabels(40, 10)));
        assertThatThrownBy(() -> Datasets.load("mnist", dir, null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("1 dimensions, expected 3")
                .hasMessageContaining("00000801");

        Files.write(file, "not an idx file at all".getBytes());
        assertThatThrownBy(() -> Datasets.load("mnist", dir, null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("not an IDX file");
    }

    @Test
    void nonByteDataTypeIsRejected() throws IOException {
        TestFiles.writeMnist(dir, false);
        byte[] images = TestFiles.idxImages(40, 4, 5);
        images[2] = 0x0D; // float data
        Files.write(dir.resolve("train-images-idx3-ubyte"), images);
        assertThatThrownBy(() -> Datasets.load("mnist", dir, null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("data type 0x0d");
    }

    @Test
    void trailingBytesAreReported() throws IOException {
        TestFiles.writeMnist(dir, false);
        byte[] images = TestFiles.idxImages(20, 4, 5);
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), Arrays.copyOf(images, images.length + 3));
        assertThatThrownBy(() -> Datasets.load("mnist", dir, null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte")
                .hasMessageContaining("unexpected bytes after the 400 values");
    }

    @Test
    void labelAndImageCountsMustAgree() throws IOException {
        TestFiles.writeMnist(dir, false);
        Files.write(dir.resolve("train-labels-idx1-ubyte"), TestFiles.idxLabels(TestFiles.cyclicLabels(39, 10)));
        assertThatThrownBy(() -> Datasets.load("mnist", dir, null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("train-labels-idx1-ubyte")
                .hasMessageContaining("39 labels but train-images-idx3-ubyte holds 40 images");
    }

    @Test
    void labelOutsideTheClassRangeIsCorrupt() throws IOException {
        TestFiles.writeMnist(dir, false);
        int[] labels = TestFiles.cyclicLabels(20, 10);
        labels[5] = 12;
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), TestFiles.idxLabels(labels));
        assertThatThrownBy(() -> Datasets.load("mnist", dir, null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("t10k-labels-idx1-ubyte")
                .hasMessageContaining("label 5 is 12");
    }

    @Test
    void absurdHeaderDimensionIsCorrupt() throws IOException {
        TestFiles.writeMnist(dir, false);
        byte[] images = TestFiles.idxImages(20, 4, 5);
        ByteBuffer.wrap(images).putInt(4, -5);
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), images);
        assertThatThrownBy(() -> Datasets.load("mnist", dir, null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("corrupt IDX header");
    }

    @Test
    void missingFileAndUnknownNamesAreClear() throws IOException {
        TestFiles.writeMnist(dir, true);
        Files.delete(dir.resolve("t10k-images-idx3-ubyte.gz"));
        assertThatThrownBy(() -> Datasets.load("mnist", dir, null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte.gz: file not found");
        assertThatThrownBy(() -> Datasets.load("imagenet", dir, null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("unknown dataset 'imagenet'");
        assertThatThrownBy(() -> Datasets.load("mnist", dir.resolve("nope"), null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("not found");
    }

    @Test
    void classCountHintMustMatch() throws IOException {
        TestFiles.writeMnist(dir, false);
        assertThatThrownBy(() -> Datasets.load("mnist", dir, 5))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("has 10 classes, but 5 were expected");
    }

    @Test
    void defaultRootsFollowTheDataDir() {
        assertThat(Datasets.defaultRoot("fashion-mnist")).isEqualTo(Path.of("/usr/share/datasets/fashion-mnist"));
        assertThat(Datasets.defaultRoot("cifar10", Path.of("/data"))).isEqualTo(Path.of("/data/cifar10"));
        assertThatThrownBy(() -> Datasets.defaultRoot("folder"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("no default location");
    }
}

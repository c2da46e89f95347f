package io.transferlab.trainer.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.catalog.ImageShape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodedDatasetsTest {
    @TempDir
    Path dir;

    private LabeledDataset load(DecodedDatasets cache, Path root) {
        return cache.load("mnist", root, null, ImageShape.GRAY_28);
    }

    @Test
    void theSecondJobGetsTheDecodedDatasetWithoutReadingTheFilesAgain() throws IOException {
        TestFiles.writeMnist(dir, false);
        DecodedDatasets cache = new DecodedDatasets(1);

        LabeledDataset first = load(cache, dir);
        LabeledDataset second = load(cache, dir.resolve(".").resolve("..").resolve(dir.getFileName()));

        assertThat(second).isSameAs(first);
        assertThat(cache.decodes()).isEqualTo(1);
        assertThat(first.digest()).isEqualTo(Datasets.load("mnist", dir, null).digest());
    }

    @Test
    void aBuiltInDatasetIsOneEntryForEveryArchitectureButAFolderIsResizedPerShape() throws IOException {
        TestFiles.writeMnist(dir.resolve("mnist"), false);
        for (String part : new String[] {"train", "test"}) {
            for (String label : new String[] {"a", "b"}) {
                Path file = dir.resolve("images").resolve(part).resolve(label).resolve("x.png");
                Files.createDirectories(file.getParent());
                ImageIO.write(new BufferedImage(12, 10, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
            }
        }
        DecodedDatasets cache = new DecodedDatasets(4);

        LabeledDataset gray = cache.load("mnist", dir.resolve("mnist"), null, ImageShape.GRAY_28);
        LabeledDataset color = cache.load("mnist", dir.resolve("mnist"), null, ImageShape.COLOR_32);
        assertThat(color).as("the shape only resizes folder images").isSameAs(gray);
        assertThat(cache.decodes()).isEqualTo(1);

        LabeledDataset small = cache.load(" Folder", dir.resolve("images"), null, new ImageShape(3, 8, 6));
        LabeledDataset large = cache.load("folder", dir.resolve("images"), null, ImageShape.COLOR_32);
        assertThat(small.train().height()).isEqualTo(8);
        assertThat(large.train().height()).isEqualTo(32);
        assertThat(cache.decodes()).isEqualTo(3);
    }

    @Test
    void aChangedFileIsDecodedAgainAndGetsItsNewDigest() throws IOException {
        TestFiles.writeMnist(dir, false);
        DecodedDatasets cache = new DecodedDatasets(1);
        LabeledDataset before = load(cache, dir);

        byte[] images = TestFiles.idxImages(20, 4, 5);
        images[100] ^= 1;
        Path test = dir.resolve("t10k-images-idx3-ubyte");
        Files.write(test, images);
        Files.setLastModifiedTime(
                test, FileTime.fromMillis(Files.getLastModifiedTime(test).toMillis() + 5_000));
        LabeledDataset after = load(cache, dir);

        assertThat(after).isNotSameAs(before);
        assertThat(after.digest()).isNotEqualTo(before.digest());
        assertThat(cache.decodes()).isEqualTo(2);
    }

    @Test
    void keepsOnlyAsManyDatasetsAsItsCapacity() throws IOException {
        TestFiles.writeMnist(dir.resolve("a"), false);
        TestFiles.writeMnist(dir.resolve("b"), true);
        DecodedDatasets cache = new DecodedDatasets(1);

        LabeledDataset a = load(cache, dir.resolve("a"));
        load(cache, dir.resolve("b"));
        LabeledDataset aAgain = load(cache, dir.resolve("a"));

        assertThat(aAgain).isNotSameAs(a);
        assertThat(aAgain.digest()).isEqualTo(a.digest());
        assertThat(cache.decodes()).isEqualTo(3);
    }
}

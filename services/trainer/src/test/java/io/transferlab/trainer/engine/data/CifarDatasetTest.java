package io.transferlab.trainer.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transferlab.contracts.catalog.Cifar100Classes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarDatasetTest {

    @TempDir
    Path dir;

    /** Writes the six CIFAR-10 files with {@code perFile} records each, labels cycling 0..9. */
    private Path writeCifar10(Path root, int perFile) throws IOException {
        Path batches = root.resolve("cifar-10-batches-bin");
        Files.createDirectories(batches);
        String[] names = {
            "data_batch_1.bin",
            "data_batch_2.bin",
            "data_batch_3.bin",
            "data_batch_4.bin",
            "data_batch_5.bin",
            "test_batch.bin"
        };
        int seed = 0;
        for (String name : names) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < perFile; i++) {
                TestFiles.cifarRecord(out, new int[] {seed % 10}, seed);
                seed++;
            }
            Files.write(batches.resolve(name), out.toByteArray());
        }
        return batches;
    }

    private Path writeCifar100(Path root, int records) throws IOException {
        ByteArrayOutputStream train = new ByteArrayOutputStream();
        ByteArrayOutputStream test = new ByteArrayOutputStream();
        for (int i = 0; i < records; i++) {
            int fine = (i * 37) % 100;
            TestFiles.cifarRecord(train, new int[] {Cifar100Classes.coarseOf(fine), fine}, i);
            if (i < records / 2) {
                TestFiles.cifarRecord(test, new int[] {Cifar100Classes.coarseOf(fine), fine}, 1000 + i);
            }
        }
        Files.createDirectories(root);
        Files.write(root.resolve("train.bin"), train.toByteArray());
        Files.write(root.resolve("test.bin"), test.toByteArray());
        return root;
    }

    @Test
    void readsCifar10BatchesAsChannelPlanes() throws IOException {
        writeCifar10(dir, 3);
        LabeledDataset ds = Datasets.load("cifar10", dir, 10);

        assertThat(ds.train().count()).isEqualTo(15);
        assertThat(ds.test().count()).isEqualTo(3);
        assertThat(ds.train().channels()).isEqualTo(3);
        assertThat(ds.train().height()).isEqualTo(32);
        assertThat(ds.classNames()).startsWith("airplane").endsWith("truck");
        // record 4 (second file, second record) has seed 4: label 4, green pixel 10 = (4 + 31 + 10) % 256
        assertThat(ds.train().labels()[4]).isEqualTo(4);
        assertThat(ds.train().pixels()[4 * 3072 + 1024 + 10]).isEqualTo(45 / 255f);
        assertThat(ds.test().labels()).containsExactly(5, 6, 7);
        assertThat(ds.digest()).hasSize(64);
    }

    @Test
    void truncatedCifarFileIsNamed() throws IOException {
        Path batches = writeCifar10(dir, 2);
        Path file = batches.resolve("data_batch_3.bin");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> Datasets.load("cifar10", dir, null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a whole number of 3073-byte CIFAR records")
                .hasMessageContaining("1 whole records and 2973 bytes left over");
    }

    @Test
    void missingBatchAndBadLabelAreReported() throws IOException {
        Path batches = writeCifar10(dir, 2);
        byte[] bytes = Files.readAllBytes(batches.resolve("test_batch.bin"));
        bytes[3073] = 10;
        Files.write(batches.resolve("test_batch.bin"), bytes);
        assertThatThrownBy(() -> Datasets.load("cifar10", dir, null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("test_batch.bin")
                .hasMessageContaining("record 1 has label 10");

        Files.delete(batches.resolve("data_batch_5.bin"));
        assertThatThrownBy(() -> Datasets.load("cifar10", dir, null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("data_batch_5.bin: file not found");
    }

    @Test
    void readsCifar100FineLabelsAndChecksCoarseOnes() throws IOException {
        writeCifar100(dir, 8);
        LabeledDataset ds = Datasets.load("cifar100", dir, 100);
        assertThat(ds.train().count()).isEqualTo(8);
        assertThat(ds.test().count()).isEqualTo(4);
        assertThat(ds.numClasses()).isEqualTo(100);
        assertThat(ds.train().labels()).containsExactly(0, 37, 74, 11, 48, 85, 22, 59);
        assertThat(ds.classNames().get(37)).isEqualTo("house");
        assertThat(ds.train().pixels()[2 * 3072 + 2048 + 5]).isEqualTo((2 + 62 + 5) / 255f);
    }

    @Test
    void cifar100CoarseLabelThatDisagreesWithTheFineLabelIsCorrupt() throws IOException {
        writeCifar100(dir, 8);
        Path train = dir.resolve("train.bin");
        byte[] bytes = Files.readAllBytes(train);
        bytes[3074 * 3] = (byte) ((Cifar100Classes.coarseOf(11) + 1) % 20); // record 3: fine 11 (boy), people
        Files.write(train, bytes);
        assertThatThrownBy(() -> Datasets.load("cifar100", dir, null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(train.toString())
                .hasMessageContaining("record 3 has fine label 11 (boy)")
                .hasMessageContaining("expected 14 (people)");
    }

    @Test
    void cifar100TableHasTwentySuperclassesOfFive() {
        int[] perCoarse = new int[20];
        for (int fine = 0; fine < 100; fine++) {
            perCoarse[Cifar100Classes.coarseOf(fine)]++;
        }
        assertThat(perCoarse).containsOnly(5);
        assertThat(Cifar100Classes.FINE_NAMES).hasSize(100).doesNotHaveDuplicates();
        assertThat(Cifar100Classes.COARSE_NAMES).hasSize(20);
        assertThat(Cifar100Classes.manMadeClasses()).hasSize(30).contains(9, 12, 13, 22, 5, 41);
        assertThat(Cifar100Classes.naturalClasses()).hasSize(70).contains(0, 2, 3, 23, 47);
        assertThat(Cifar100Classes.coarseOf(Cifar100Classes.FINE_NAMES.indexOf("whale")))
                .isEqualTo(0);
        assertThat(Cifar100Classes.coarseOf(Cifar100Classes.FINE_NAMES.indexOf("tractor")))
                .isEqualTo(19);
    }
}

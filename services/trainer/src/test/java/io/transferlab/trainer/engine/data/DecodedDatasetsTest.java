package io.transferlab.trainer.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.catalog.ImageShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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

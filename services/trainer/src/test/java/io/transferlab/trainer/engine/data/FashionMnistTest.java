package io.transferlab.trainer.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.SplitSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads the real Fashion-MNIST files the Debian package {@code dataset-fashion-mnist} installs. */
class FashionMnistTest {

    private static LabeledDataset dataset;

    @BeforeAll
    static void load() {
        Path root = Datasets.defaultRoot("fashion-mnist");
        Assumptions.assumeTrue(
                Files.isDirectory(root),
                "Fashion-MNIST is not installed at " + root + " (apt-get install dataset-fashion-mnist)");
        dataset = Datasets.load("fashion-mnist", null, 10);
    }

    @Test
    void hasTheOfficialCountsShapesAndClassBalance() {
        assertThat(dataset.name()).isEqualTo("fashion-mnist");
        assertThat(dataset.train().count()).isEqualTo(60_000);
        assertThat(dataset.test().count()).isEqualTo(10_000);
        assertThat(dataset.train().channels()).isEqualTo(1);
        assertThat(dataset.train().height()).isEqualTo(28);
        assertThat(dataset.train().width()).isEqualTo(28);
        assertThat(dataset.train().classCounts()).containsOnly(6_000);
        assertThat(dataset.test().classCounts()).containsOnly(1_000);
        assertThat(dataset.classNames()).startsWith("T-shirt/top", "Trouser").endsWith("Ankle boot");
        // Fashion-MNIST's mean pixel is about 0.286 (72.94 / 255)
        double sum = 0;
        for (float p : dataset.train().pixels()) {
            sum += p;
        }
        assertThat(sum / dataset.train().pixels().length).isCloseTo(0.2860, within(0.001));
        assertThat(dataset.digest()).hasSize(64);
    }

    @Test
    void dissimilarPresetGivesClothesVersusTheRestWithNormalisedData() {
        ResolvedSplit split = Splits.resolve(SplitSpec.preset("dissimilar"), dataset);
        assertThat(split.classesA()).containsExactly(0, 2, 3, 4, 6);
        assertThat(split.classesB()).containsExactly(1, 5, 7, 8, 9);

        HalfData b = Splits.half(dataset, split, Half.B, null, 0.1, 7L);
        assertThat(b.train().count()).isEqualTo(27_000);
        assertThat(b.validation().count()).isEqualTo(3_000);
        assertThat(b.test().count()).isEqualTo(5_000);
        assertThat(b.train().numClasses()).isEqualTo(5);
        assertThat(b.test().classCounts()).containsOnly(1_000);
        assertThat(b.originalClasses()).containsExactly(1, 5, 7, 8, 9);
        float[][] stats = Splits.channelStats(b.train());
        assertThat(stats[0][0]).isCloseTo(0f, within(1e-4f));
        assertThat(stats[1][0]).isCloseTo(1f, within(1e-4f));
    }
}

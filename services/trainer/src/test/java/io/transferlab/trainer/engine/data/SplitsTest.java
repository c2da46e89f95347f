package io.transferlab.trainer.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.transferlab.contracts.catalog.Cifar100Classes;
import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.SplitSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitsTest {

    /**
     * A synthetic 2-channel 2x2 dataset: {@code perClass} training and 3 test images per class;
     * every pixel of image i of the training set is i + 0.5 (channel 0) and 2i (channel 1), so an
     * image can be identified from its pixels after normalisation is undone.
     */
    private static LabeledDataset synthetic(String name, int classes, int perClass) {
        int n = classes * perClass;
        float[] pixels = new float[n * 8];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            for (int p = 0; p < 4; p++) {
                pixels[i * 8 + p] = i + 0.5f;
                pixels[i * 8 + 4 + p] = 2f * i;
            }
        }
        int m = classes * 3;
        float[] testPixels = new float[m * 8];
        int[] testLabels = new int[m];
        for (int i = 0; i < m; i++) {
            testLabels[i] = i % classes;
        }
        List<String> classNames = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            classNames.add("class" + c);
        }
        return new LabeledDataset(
                name,
                new ImageSet(n, 2, 2, 2, pixels, labels, classes),
                new ImageSet(m, 2, 2, 2, testPixels, testLabels, classes),
                classNames,
                "d");
    }

    @Test
    void randomSplitIsSeededSortedAndComplementary() {
        LabeledDataset ds = synthetic("mnist", 10, 2);
        ResolvedSplit s0 = Splits.resolve(SplitSpec.random(0), ds);
        assertThat(s0.classesA()).hasSize(5).isSorted();
        assertThat(s0.classesB()).hasSize(5).isSorted();
        Set<Integer> all = new HashSet<>(s0.classesA());
        all.addAll(s0.classesB());
        assertThat(all).hasSize(10);
        assertThat(Splits.resolve(SplitSpec.random(0), ds)).isEqualTo(s0);
        assertThat(Splits.random(10, 1).classesA()).isNotEqualTo(s0.classesA());
        // java.util.Random is specified exactly, so the seed-0 split of 10 classes is fixed for good
        assertThat(s0.classesA()).containsExactly(3, 4, 6, 8, 9);
        assertThat(Splits.random(7, 3).classesA()).hasSize(3);
        assertThat(Splits.random(7, 3).classesB()).hasSize(4);
    }

    @Test
    void explicitSplitIsSortedAndHasAStableDigest() {
        LabeledDataset ds = synthetic("mnist", 10, 2);
        ResolvedSplit split = Splits.resolve(SplitSpec.explicit(List.of(4, 1), List.of(9, 0, 3)), ds);
        assertThat(split.classesA()).containsExactly(1, 4);
        assertThat(split.classesB()).containsExactly(0, 3, 9);
        ResolvedSplit same = Splits.resolve(SplitSpec.explicit(List.of(1, 4), List.of(0, 3, 9)), ds);
        assertThat(same.digest()).isEqualTo(split.digest()).hasSize(64);
        assertThat(Splits.resolve(SplitSpec.explicit(List.of(0, 3, 9), List.of(1, 4)), ds)
                        .digest())
                .isNotEqualTo(split.digest());
    }

    @Test
    void invalidSplitsAreRejectedWithTheReason() {
        LabeledDataset ds = synthetic("mnist", 10, 2);
        assertThatThrownBy(() -> Splits.resolve(SplitSpec.explicit(List.of(1, 2, 3), List.of(3, 4)), ds))
                .isInstanceOf(InvalidSplitException.class)
                .hasMessage("halves A and B overlap in classes [3]");
        assertThatThrownBy(() -> Splits.resolve(SplitSpec.explicit(List.of(1, 12), List.of(3)), ds))
                .isInstanceOf(InvalidSplitException.class)
                .hasMessage("half A names unknown class 12; the dataset has classes 0..9");
        assertThatThrownBy(() -> Splits.resolve(SplitSpec.explicit(List.of(1), List.of()), ds))
                .isInstanceOf(InvalidSplitException.class)
                .hasMessage("half B is empty");
        assertThatThrownBy(() -> Splits.resolve(SplitSpec.explicit(null, List.of(2)), ds))
                .isInstanceOf(InvalidSplitException.class)
                .hasMessage("half A is empty");
        assertThatThrownBy(() -> Splits.resolve(SplitSpec.explicit(List.of(1, 1), List.of(2)), ds))
                .isInstanceOf(InvalidSplitException.class)
                .hasMessage("half A lists class 1 twice");
        assertThatThrownBy(() -> Splits.resolve(SplitSpec.explicit(List.of(-1), List.of(2)), ds))
                .isInstanceOf(InvalidSplitException.class)
                .hasMessageContaining("unknown class -1");
        assertThatThrownBy(() -> Splits.resolve(SplitSpec.preset("dissimilar"), ds))
                .isInstanceOf(InvalidSplitException.class)
                .hasMessage("unknown preset 'dissimilar' for dataset mnist; it has no presets");
        assertThatThrownBy(() -> Splits.resolve(SplitSpec.preset("odd"), synthetic("fashion-mnist", 10, 1)))
                .isInstanceOf(InvalidSplitException.class)
                .hasMessage("unknown preset 'odd' for dataset fashion-mnist; known: [dissimilar]");
        assertThatThrownBy(() -> Splits.resolve(new SplitSpec("stratified", null, null, null, null), ds))
                .isInstanceOf(InvalidSplitException.class)
                .hasMessageContaining("unknown split kind 'stratified'");
        assertThatThrownBy(() -> Splits.resolve(SplitSpec.random(0), synthetic("folder", 1, 2)))
                .isInstanceOf(InvalidSplitException.class)
                .hasMessageContaining("at least 2 classes");
    }

    @Test
    void presetsFollowTheDocumentedClasses() {
        ResolvedSplit fashion = Splits.resolve(SplitSpec.preset("dissimilar"), synthetic("fashion-mnist", 10, 1));
        assertThat(fashion.classesA()).containsExactly(0, 2, 3, 4, 6);
        assertThat(fashion.classesB()).containsExactly(1, 5, 7, 8, 9);

        LabeledDataset cifar100 = synthetic("cifar100", 100, 1);
        ResolvedSplit dissimilar = Splits.resolve(SplitSpec.preset("dissimilar"), cifar100);
        assertThat(dissimilar.classesA()).hasSize(30).isEqualTo(Cifar100Classes.manMadeClasses());
        assertThat(dissimilar.classesB()).hasSize(70).isEqualTo(Cifar100Classes.naturalClasses());
        assertThat(Splits.resolve(SplitSpec.preset("man-made-vs-natural"), cifar100))
                .isEqualTo(dissimilar);
        ResolvedSplit swapped = Splits.resolve(SplitSpec.preset("natural-vs-man-made"), cifar100);
        assertThat(swapped.classesA()).isEqualTo(dissimilar.classesB());
        for (int fine : dissimilar.classesA()) {
            assertThat(Cifar100Classes.MAN_MADE_SUPERCLASSES)
                    .contains(Cifar100Classes.COARSE_NAMES.get(Cifar100Classes.coarseOf(fine)));
        }
    }

    @Test
    void halfHoldsOutValidationReindexesAndNormalises() {
        LabeledDataset ds = synthetic("mnist", 10, 20);
        ResolvedSplit split = Splits.resolve(SplitSpec.explicit(List.of(7, 2, 5), List.of(0, 1)), ds);

        HalfData a = Splits.half(ds, split, Half.A, null, 0.25, 42L);

        assertThat(a.originalClasses()).containsExactly(2, 5, 7);
        assertThat(a.train().numClasses()).isEqualTo(3);
        assertThat(a.train().classCounts()).containsExactly(15, 15, 15);
        assertThat(a.validation().classCounts()).containsExactly(5, 5, 5);
        assertThat(a.test().classCounts()).containsExactly(3, 3, 3);
        float[][] stats = Splits.channelStats(a.train());
        assertThat(stats[0][0]).isCloseTo(0f, within(1e-4f));
        assertThat(stats[0][1]).isCloseTo(0f, within(1e-4f));
        assertThat(stats[1][0]).isCloseTo(1f, within(1e-4f));
        assertThat(a.mean()).hasSize(2);
        assertThat(a.std()[1]).isCloseTo(2 * a.std()[0], within(1e-3f));

        Set<Integer> trainIds = originalIds(a.train(), a);
        Set<Integer> valIds = originalIds(a.validation(), a);
        assertThat(trainIds).doesNotContainAnyElementsOf(valIds);
        for (int i = 0; i < a.train().count(); i++) {
            int original = originalId(a.train(), i, a);
            assertThat(a.originalClasses().get(a.train().labels()[i]))
                    .isEqualTo(ds.train().labels()[original]);
        }
        // the partition is a function of the seed
        HalfData again = Splits.half(ds, split, Half.A, null, 0.25, 42L);
        assertThat(originalIds(again.validation(), again)).isEqualTo(valIds);
        HalfData other = Splits.half(ds, split, Half.A, null, 0.25, 43L);
        assertThat(originalIds(other.validation(), other)).isNotEqualTo(valIds);
    }

    @Test
    void renormalisingWithAnotherHalfsStatisticsGivesThatHalfsScaleOfTheSameRawPixels() {
        LabeledDataset ds = synthetic("mnist", 10, 20);
        ResolvedSplit split = Splits.resolve(SplitSpec.explicit(List.of(7, 2, 5), List.of(0, 1)), ds);
        HalfData a = Splits.half(ds, split, Half.A, null, 0.25, 42L);
        HalfData b = Splits.half(ds, split, Half.B, null, 0.25, 42L);

        HalfData bWithA = Splits.renormalised(b, a.mean(), a.std());

        assertThat(bWithA.mean()).containsExactly(a.mean());
        assertThat(bWithA.std()).containsExactly(a.std());
        assertThat(bWithA.train().labels()).containsExactly(b.train().labels());
        for (int c = 0; c < 2; c++) {
            int plane = b.train().height() * b.train().width();
            float raw = b.train().pixels()[c * plane] * b.std()[c] + b.mean()[c];
            assertThat(bWithA.train().pixels()[c * plane]).isCloseTo((raw - a.mean()[c]) / a.std()[c], within(1e-4f));
            float rawTest = b.test().pixels()[c * plane + 5] * b.std()[c] + b.mean()[c];
            assertThat(bWithA.test().pixels()[c * plane + 5])
                    .isCloseTo((rawTest - a.mean()[c]) / a.std()[c], within(1e-4f));
        }
        assertThat(b.train().pixels()[0])
                .as("the input is left alone")
                .isEqualTo(
                        Splits.half(ds, split, Half.B, null, 0.25, 42L).train().pixels()[0]);
        assertThatThrownBy(() -> Splits.renormalised(b, new float[] {0f}, new float[] {1f}))
                .hasMessageContaining("need 2 channel statistics");
    }

    @Test
    void classPartitionDoesNotDependOnTheOtherClassesInTheHalf() {
        LabeledDataset ds = synthetic("mnist", 10, 20);
        HalfData ab = Splits.half(ds, Splits.explicit(List.of(2, 5), List.of(0), 10), Half.A, null, 0.2, 9L);
        HalfData b = Splits.half(ds, Splits.explicit(List.of(5), List.of(0), 10), Half.A, null, 0.2, 9L);
        Set<Integer> fromPair = new HashSet<>();
        for (int i = 0; i < ab.validation().count(); i++) {
            if (ab.validation().labels()[i] == 1) {
                fromPair.add(originalId(ab.validation(), i, ab));
            }
        }
        assertThat(originalIds(b.validation(), b)).isEqualTo(fromPair);
    }

    @Test
    void capLimitsTrainingImagesPerClassButNotTheTestSet() {
        LabeledDataset ds = synthetic("mnist", 4, 50);
        ResolvedSplit split = Splits.explicit(List.of(0, 1), List.of(2, 3), 4);
        HalfData b = Splits.half(ds, split, Half.B, 10, 0.1, 1L);
        assertThat(b.train().classCounts()).containsExactly(9, 9);
        assertThat(b.validation().classCounts()).containsExactly(1, 1);
        assertThat(b.test().classCounts()).containsExactly(3, 3);

        HalfData noVal = Splits.half(ds, split, Half.B, 1, 0.5, 1L);
        assertThat(noVal.train().classCounts()).containsExactly(1, 1);
        assertThat(noVal.validation().count()).isZero();
        assertThatThrownBy(() -> Splits.half(ds, split, Half.B, 0, 0.1, 1L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Splits.half(ds, split, Half.B, null, 1.0, 1L))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void originalImagesAreNotModified() {
        LabeledDataset ds = synthetic("mnist", 4, 5);
        float before = ds.train().pixels()[8 * 3];
        Splits.half(ds, Splits.random(4, 0), Half.A, null, 0.2, 0L);
        assertThat(ds.train().pixels()[8 * 3]).isEqualTo(before);
    }

    @Test
    void probeSetSpreadsOverAllClassesAndNormalisesPerNetwork() {
        LabeledDataset ds = synthetic("mnist", 4, 5); // 3 test images per class
        ImageSet probe = Splits.probeSet(ds, 9, 3L);
        assertThat(probe.count()).isEqualTo(9);
        assertThat(probe.classCounts()).containsExactly(3, 2, 2, 2);
        assertThat(Splits.probeSet(ds, 9, 3L).labels()).containsExactly(probe.labels());
        assertThat(Splits.probeSet(ds, 100, 3L).count()).isEqualTo(12);

        ImageSet normalised = Splits.normalised(ds.train(), new float[] {0.5f, 1f}, new float[] {2f, 4f});
        assertThat(normalised.pixels()[8 * 3]).isEqualTo((3.5f - 0.5f) / 2f);
        assertThat(normalised.pixels()[8 * 3 + 4]).isEqualTo((6f - 1f) / 4f);
        assertThat(ds.train().pixels()[8 * 3]).isEqualTo(3.5f);
        assertThatThrownBy(() -> Splits.normalised(ds.train(), new float[] {0f}, new float[] {1f}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Set<Integer> originalIds(ImageSet set, HalfData half) {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < set.count(); i++) {
            ids.add(originalId(set, i, half));
        }
        return ids;
    }

    /** Undoes channel-0 normalisation: the pixel was (original index + 0.5). */
    private static int originalId(ImageSet set, int i, HalfData half) {
        float v = set.pixels()[i * 8] * half.std()[0] + half.mean()[0];
        return Math.round(v - 0.5f);
    }
}

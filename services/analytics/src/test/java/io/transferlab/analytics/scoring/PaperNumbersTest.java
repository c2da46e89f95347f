package io.transferlab.analytics.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.transferlab.contracts.model.Arm;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The correctness anchor: the paper's 112 per-network numbers go through the scoring code and come
 * out as the tables of PROTOCOL.md (recomputed from the authors' logs), to within 0.02 points because
 * the inputs are rounded to 0.01.
 */
class PaperNumbersTest {
    private static final double TOLERANCE = 0.02;
    private static final String POOLED = "pooled";

    // PROTOCOL.md, "Reference numbers", n = 1..7
    private static final double[] BNB = {62.67, 62.35, 62.11, 60.48, 59.35, 61.88, 62.32};
    private static final double[] BNB_PLUS = {61.77, 62.15, 63.13, 62.87, 63.01, 62.76, 62.66};
    private static final double[] ANB = {62.82, 62.39, 61.89, 59.98, 57.80, 58.06, 54.25};
    private static final double[] ANB_PLUS = {63.73, 63.58, 64.26, 63.98, 64.46, 64.60, 64.65};
    private static final double[] BNB_MINUS_BASE = {0.16, -0.16, -0.40, -2.03, -3.16, -0.63, -0.19};
    private static final double[] ANB_MINUS_BNB = {0.15, 0.04, -0.22, -0.50, -1.55, -3.82, -8.07};
    private static final double[] ANB_MINUS_BASE = {0.31, -0.12, -0.62, -2.53, -4.71, -4.45, -8.26};
    private static final double[] ANB_PLUS_MINUS_BASE = {1.22, 1.07, 1.75, 1.47, 1.95, 2.09, 2.14};
    private static final double[] PAIRED_BNB = {0.35, 0.03, -0.21, -1.84, -2.97, -0.45, 0.00};
    private static final double[] PAIRED_ANB = {0.31, -0.12, -0.62, -2.53, -4.71, -4.44, -8.26};

    private static List<NetworkResult> networks;
    private static Scores scores;

    @BeforeAll
    static void scorePaper() {
        networks = PaperNetworks.load();
        scores = new ScoreCalculator(ScoringOptions.defaults()).score(networks);
    }

    @Test
    void readsEveryNetworkOfTheCsv() {
        assertThat(networks).hasSize(112);
        assertThat(networks.stream().filter(r -> r.arm() == Arm.BASE)).hasSize(8);
    }

    @Test
    void baseIsTheMeanOfAllEightBaseNetworks() {
        var base = scores.arm(POOLED, Arm.BASE, 0).orElseThrow().accuracy();
        assertThat(base.mean()).isCloseTo(62.51, within(TOLERANCE));
        assertThat(base.count())
                .as("4 splits: the two base networks of a split are one replicate")
                .isEqualTo(4);
        assertThat(base.method()).isEqualTo("t");
    }

    @Test
    void pooledArmMeansAreThePaperColumns() {
        for (int n = 1; n <= 7; n++) {
            assertThat(pooledMean(Arm.SELFFER, n)).as("BnB n=%d", n).isCloseTo(BNB[n - 1], within(TOLERANCE));
            assertThat(pooledMean(Arm.SELFFER_FINETUNED, n))
                    .as("BnB+ n=%d", n)
                    .isCloseTo(BNB_PLUS[n - 1], within(TOLERANCE));
            assertThat(pooledMean(Arm.TRANSFER, n)).as("AnB n=%d", n).isCloseTo(ANB[n - 1], within(TOLERANCE));
            assertThat(pooledMean(Arm.TRANSFER_FINETUNED, n))
                    .as("AnB+ n=%d", n)
                    .isCloseTo(ANB_PLUS[n - 1], within(TOLERANCE));
        }
    }

    @Test
    void unpairedEffectSizesAreThePaperTable() {
        for (int n = 1; n <= 7; n++) {
            assertThat(unpaired("selffer-minus-base", n))
                    .as("BnB - base n=%d", n)
                    .isCloseTo(BNB_MINUS_BASE[n - 1], within(TOLERANCE));
            assertThat(unpaired("transfer-minus-selffer", n))
                    .as("AnB - BnB n=%d", n)
                    .isCloseTo(ANB_MINUS_BNB[n - 1], within(TOLERANCE));
            assertThat(unpaired("transfer-minus-base", n))
                    .as("AnB - base n=%d", n)
                    .isCloseTo(ANB_MINUS_BASE[n - 1], within(TOLERANCE));
            assertThat(unpaired("transfer-finetuned-minus-base", n))
                    .as("AnB+ - base n=%d", n)
                    .isCloseTo(ANB_PLUS_MINUS_BASE[n - 1], within(TOLERANCE));
        }
    }

    @Test
    void pairedDeltasAreTheProtocolNumbers() {
        for (int n = 1; n <= 7; n++) {
            var coAdaptation =
                    scores.effect(POOLED, "co-adaptation", n).orElseThrow().value();
            var transferGap =
                    scores.effect(POOLED, "transfer-gap", n).orElseThrow().value();
            assertThat(coAdaptation.mean()).as("paired BnB n=%d", n).isCloseTo(PAIRED_BNB[n - 1], within(TOLERANCE));
            assertThat(transferGap.mean()).as("paired AnB n=%d", n).isCloseTo(PAIRED_ANB[n - 1], within(TOLERANCE));
            assertThat(coAdaptation.count()).isEqualTo(4);
            assertThat(transferGap.count())
                    .as("8 networks, 2 per split, averaged within the split")
                    .isEqualTo(4);
        }
    }

    @Test
    void pairedFineTuneGainsShowBothAboutOnePoint() {
        // PROTOCOL.md caveat: paired against their own target half, BnB+ and AnB+ both gain about +1.0.
        double selffer = 0;
        double transfer = 0;
        for (int n = 1; n <= 7; n++) {
            selffer += scores.effect(POOLED, "finetune-gain-selffer", n)
                    .orElseThrow()
                    .value()
                    .mean();
            transfer += scores.effect(POOLED, "finetune-gain-transfer", n)
                    .orElseThrow()
                    .value()
                    .mean();
        }
        assertThat(selffer / 7).isCloseTo(1.0, within(0.15));
        assertThat(transfer / 7).isCloseTo(1.0, within(0.15));
    }

    @Test
    void directionsSplitByTargetHalf() {
        // Every selffer in the logs is AnA (target A, direction b-to-a); transfers go both ways.
        assertThat(scores.arm("a-to-b", Arm.SELFFER, 1)).isEmpty();
        assertThat(scores.arm("b-to-a", Arm.SELFFER, 1).orElseThrow().accuracy().count())
                .isEqualTo(4);
        assertThat(scores.arm("a-to-b", Arm.TRANSFER, 7)
                        .orElseThrow()
                        .accuracy()
                        .count())
                .isEqualTo(4);
        assertThat(scores.arm("a-to-b", Arm.BASE, 0).orElseThrow().accuracy().mean())
                .isCloseTo((63.41 + 62.50 + 62.19 + 62.69) / 4, within(1e-9));
        // Specificity pairs a transfer with the selffer of its own target half and split: only b-to-a has both.
        assertThat(scores.effect("a-to-b", "specificity", 7)).isEmpty();
        var specificity =
                scores.effect("b-to-a", "specificity", 7).orElseThrow().value();
        assertThat(specificity.count()).isEqualTo(4);
        double expected = ((53.30 - 61.59) + (54.12 - 62.30) + (54.46 - 62.86) + (54.45 - 62.55)) / 4;
        assertThat(specificity.mean()).isCloseTo(expected, within(1e-9));
        assertThat(scores.effect(POOLED, "specificity", 7).orElseThrow().value().mean())
                .isCloseTo(expected, within(1e-9));
    }

    @Test
    void pooledIntervalsRunOverSplitsWithBothDirectionsOfASplitAveraged() {
        // Pooled transfer gap: the two directions of each split averaged, 4 values, t with 3 degrees of
        // freedom (3.1824): n = 2 straddles zero (-0.418, +0.168), n = 3 lies below it (-0.782, -0.453).
        var n2 = scores.effect(POOLED, "transfer-gap", 2).orElseThrow().value();
        var n3 = scores.effect(POOLED, "transfer-gap", 3).orElseThrow().value();
        assertThat(n2.low()).isCloseTo(-0.4182, within(1e-3));
        assertThat(n2.high()).isCloseTo(0.1682, within(1e-3));
        assertThat(n3.low()).isCloseTo(-0.7822, within(1e-3));
        assertThat(n3.high()).isCloseTo(-0.4528, within(1e-3));
    }

    @Test
    void transitionLayerIsWhereSpecificitySurvivesHolm() {
        // Paired specificity (every selffer in the logs targets A), 4 splits per cut. Raw t-test p-values:
        // n = 4 0.0200, n = 5 0.00301, n = 6 1.0e-4, n = 7 1.1e-6; Holm over the 7 cuts multiplies the
        // smallest by 7, 6, 5, 4, ...: n = 4 becomes 0.080 (not specific), n = 5 0.015 (specific).
        assertThat(scores.transitionLayers())
                .containsEntry(POOLED, 5)
                .containsEntry("b-to-a", 5)
                .doesNotContainKey("a-to-b");
        var n4 = test(4);
        assertThat(n4.pValue()).isCloseTo(0.02004, within(1e-4));
        assertThat(n4.holmP()).isCloseTo(0.08014, within(1e-4));
        assertThat(n4.specific()).isFalse();
        var n5 = test(5);
        assertThat(n5.holmP()).isCloseTo(5 * 0.0030132, within(1e-4));
        assertThat(n5.specific()).isTrue();
        assertThat(n5.mean()).isCloseTo(-1.6725, within(1e-9));
        assertThat(n5.count()).isEqualTo(4);
        assertThat(scores.transitionTests().stream().filter(t -> t.direction().equals(POOLED)))
                .hasSize(7);
    }

    @Test
    void generalityIndexIsTransferOverItsOwnBase() {
        var index = scores.effect("a-to-b", "generality-index", 7).orElseThrow().value();
        double expected = (55.26 / 63.41 + 53.61 / 62.50 + 54.15 / 62.19 + 54.65 / 62.69) / 4;
        assertThat(index.mean()).isCloseTo(expected, within(1e-12));
    }

    private static TransitionTest test(int n) {
        return scores.transitionTests().stream()
                .filter(t -> t.direction().equals(POOLED) && t.n() == n)
                .findFirst()
                .orElseThrow();
    }

    private static double pooledMean(Arm arm, int n) {
        return scores.arm(POOLED, arm, n).orElseThrow().accuracy().mean();
    }

    private static double unpaired(String name, int n) {
        return scores.unpaired(POOLED, name, n).orElseThrow().value();
    }
}

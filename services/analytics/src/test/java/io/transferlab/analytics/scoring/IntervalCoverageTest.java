package io.transferlab.analytics.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Simulations (fixed seeds) of what the statistics promise: the 95% intervals cover the true mean
 * 95% +/- 2% of the time at every size the service uses, and the transition layer, tested at 7 cuts,
 * is declared on pure noise at most 5% (+ simulation error) of the time thanks to Holm's correction.
 */
class IntervalCoverageTest {
    private static final int TRIALS = 4000;
    private final IntervalEstimator estimator = new IntervalEstimator(ScoringOptions.defaults());

    @Test
    void tIntervalCoversNinetyFivePercentAtEverySampleSize() {
        SplittableRandom random = new SplittableRandom(1411);
        for (int size : new int[] {2, 3, 4, 5, 6, 8, 10, 12, 20, 40}) {
            int covered = 0;
            for (int trial = 0; trial < TRIALS; trial++) {
                double[] values = new double[size];
                for (int i = 0; i < size; i++) {
                    values[i] = 0.6 + 0.03 * gaussian(random);
                }
                Interval interval = estimator.estimate(values);
                if (interval.low() <= 0.6 && 0.6 <= interval.high()) {
                    covered++;
                }
            }
            assertThat(covered / (double) TRIALS)
                    .as("coverage with %d samples", size)
                    .isBetween(0.93, 0.97);
        }
    }

    @Test
    void welchIntervalCoversNinetyFivePercentWithUnequalSpreads() {
        SplittableRandom random = new SplittableRandom(1792);
        int[][] sizes = {{2, 2}, {3, 5}, {4, 4}, {3, 8}};
        for (int[] size : sizes) {
            int covered = 0;
            for (int trial = 0; trial < TRIALS; trial++) {
                double[] x = new double[size[0]];
                double[] y = new double[size[1]];
                for (int i = 0; i < x.length; i++) {
                    x[i] = 1.0 + 2.0 * gaussian(random);
                }
                for (int i = 0; i < y.length; i++) {
                    y[i] = 0.5 * gaussian(random);
                }
                Interval diff = estimator.difference(x, y);
                if (diff.low() <= 1.0 && 1.0 <= diff.high()) {
                    covered++;
                }
            }
            // Welch is approximate: it is exact in the limit and slightly conservative at small sizes.
            assertThat(covered / (double) TRIALS)
                    .as("Welch coverage %d vs %d", size[0], size[1])
                    .isBetween(0.93, 0.985);
        }
    }

    @Test
    void transitionLayerOnNoiseIsRareWithHolmAndCommonWithout() {
        SplittableRandom random = new SplittableRandom(2014);
        ScoreCalculator calculator = new ScoreCalculator(ScoringOptions.defaults());
        IntervalEstimator plain = new IntervalEstimator(ScoringOptions.defaults());
        int declared = 0;
        int uncorrected = 0;
        int trials = 2000;
        for (int trial = 0; trial < trials; trial++) {
            List<NetworkResult> networks = new ArrayList<>();
            for (int replicate = 0; replicate < 4; replicate++) {
                for (int n = 1; n <= 7; n++) {
                    double selffer = 0.8 + 0.01 * gaussian(random);
                    networks.add(new NetworkResult(Arm.SELFFER, n, Half.B, Half.B, replicate, selffer));
                    networks.add(new NetworkResult(
                            Arm.TRANSFER, n, Half.A, Half.B, replicate, selffer + 0.01 * gaussian(random)));
                }
            }
            Scores scores = calculator.score(networks);
            if (scores.transitionLayers().containsKey("pooled")) {
                declared++;
            }
            boolean anyRaw = false;
            for (int n = 1; n <= 7; n++) {
                Interval interval = plain.estimate(calculator.replicateValues(
                        Effect.SPECIFICITY, Scope.POOLED, n, networks, ScoreCalculator.studiedTargets(networks)));
                anyRaw |= interval.high() < 0.0;
            }
            if (anyRaw) {
                uncorrected++;
            }
        }
        assertThat(declared / (double) trials)
                .as("family-wise false positives with Holm")
                .isLessThan(0.04);
        assertThat(uncorrected / (double) trials)
                .as("first interval below zero, no correction")
                .isGreaterThan(0.12);
    }

    @Test
    void transitionLayerFindsARealDrop() {
        SplittableRandom random = new SplittableRandom(7);
        List<NetworkResult> networks = new ArrayList<>();
        for (int replicate = 0; replicate < 4; replicate++) {
            for (int n = 1; n <= 7; n++) {
                double selffer = 0.8 + 0.005 * gaussian(random);
                double drop = n >= 5 ? 0.05 * (n - 4) : 0.0;
                networks.add(new NetworkResult(Arm.SELFFER, n, Half.B, Half.B, replicate, selffer));
                networks.add(new NetworkResult(
                        Arm.TRANSFER, n, Half.A, Half.B, replicate, selffer - drop + 0.002 * gaussian(random)));
            }
        }
        Scores scores = new ScoreCalculator(ScoringOptions.defaults()).score(networks);
        assertThat(scores.transitionLayers()).containsEntry("pooled", 5).containsEntry("a-to-b", 5);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * random.nextDouble());
    }
}

package io.transferlab.analytics.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.Half;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreCalculatorTest {
    private final ScoreCalculator calculator = new ScoreCalculator(ScoringOptions.defaults());

    @Test
    void nothingToScoreGivesEmptyScores() {
        Scores scores = calculator.score(List.of());
        assertThat(scores.arms()).isEmpty();
        assertThat(scores.effects()).isEmpty();
        assertThat(scores.transitionLayers()).isEmpty();
    }

    @Test
    void oneSeedGivesMeansWithoutIntervalsAndNoTransitionLayer() {
        List<NetworkResult> networks = List.of(
                net(Arm.BASE, 0, Half.B, 0, 0.80),
                net(Arm.SELFFER, 1, Half.B, 0, 0.78),
                net(Arm.TRANSFER, 1, Half.B, 0, 0.70));
        Scores scores = calculator.score(networks);
        var gap = scores.effect("a-to-b", "transfer-gap", 1).orElseThrow().value();
        assertThat(gap.mean()).isCloseTo(-0.10, within(1e-12));
        assertThat(gap.method()).isEqualTo("none");
        assertThat(gap.low()).isNull();
        assertThat(scores.effect("a-to-b", "specificity", 1)
                        .orElseThrow()
                        .value()
                        .mean())
                .isCloseTo(-0.08, within(1e-12));
        assertThat(scores.effect("a-to-b", "co-adaptation", 1)
                        .orElseThrow()
                        .value()
                        .mean())
                .isCloseTo(-0.02, within(1e-12));
        assertThat(scores.effect("a-to-b", "generality-index", 1)
                        .orElseThrow()
                        .value()
                        .mean())
                .isCloseTo(0.875, within(1e-12));
        assertThat(scores.transitionLayers())
                .as("one sample has no interval to lie below zero")
                .isEmpty();
        assertThat(scores.arm("b-to-a", Arm.BASE, 0)).as("no network targets A").isEmpty();
    }

    @Test
    void missingArmsLeaveTheirEffectsOutAndUnpairedNetworksAreNotPaired() {
        List<NetworkResult> networks = List.of(
                net(Arm.BASE, 0, Half.A, 0, 0.80),
                net(Arm.TRANSFER, 2, Half.A, 0, 0.75),
                net(Arm.TRANSFER, 2, Half.A, 1, 0.71), // its seed-1 base never finished
                net(Arm.RANDOM_FROZEN, 2, Half.A, 0, 0.40));
        Scores scores = calculator.score(networks);
        var gap = scores.effect("b-to-a", "transfer-gap", 2).orElseThrow().value();
        assertThat(gap.count()).isEqualTo(1);
        assertThat(gap.mean()).isCloseTo(-0.05, within(1e-12));
        assertThat(scores.arm("b-to-a", Arm.TRANSFER, 2)
                        .orElseThrow()
                        .accuracy()
                        .count())
                .isEqualTo(2);
        assertThat(scores.effect("b-to-a", "co-adaptation", 2)).isEmpty();
        assertThat(scores.effect("b-to-a", "specificity", 2)).isEmpty();
        assertThat(scores.effect("b-to-a", "finetune-gain-transfer", 2)).isEmpty();
        assertThat(scores.effect("b-to-a", "random-frozen-gap", 2)
                        .orElseThrow()
                        .value()
                        .mean())
                .isCloseTo(-0.40, within(1e-12));
    }

    @Test
    void pooledIntervalsRunOverReplicatesWithTheDirectionsOfAReplicatePaired() {
        List<NetworkResult> networks = new ArrayList<>();
        for (int seed = 0; seed < 3; seed++) {
            for (Half target : Half.values()) {
                networks.add(net(Arm.BASE, 0, target, seed, 0.80 + 0.01 * seed));
                networks.add(net(Arm.TRANSFER, 3, target, seed, 0.70 + 0.01 * seed + (target == Half.A ? 0.02 : 0)));
            }
        }
        Scores scores = calculator.score(networks);
        var pooled = scores.effect("pooled", "transfer-gap", 3).orElseThrow().value();
        // Per replicate: (-0.08 + -0.10) / 2 = -0.09 every time. Counted as 6 independent samples the
        // interval would be [-0.1005, -0.0795]; the replicate is the unit, so it is exactly -0.09.
        assertThat(pooled.count()).isEqualTo(3);
        assertThat(pooled.mean()).isCloseTo(-0.09, within(1e-12));
        assertThat(pooled.method()).isEqualTo("t");
        assertThat(pooled.low()).isCloseTo(-0.09, within(1e-12));
        assertThat(pooled.high()).isCloseTo(-0.09, within(1e-12));
        var aToB = scores.effect("a-to-b", "transfer-gap", 3).orElseThrow().value();
        assertThat(aToB.count()).isEqualTo(3);
        assertThat(aToB.low()).as("zero variance within a direction").isCloseTo(-0.10, within(1e-12));
        assertThat(aToB.high()).isCloseTo(-0.10, within(1e-12));
        assertThat(scores.transitionLayers())
                .as("no selffer: the transition layer is defined on specificity")
                .isEmpty();
        assertThat(scores.transitionTests()).isEmpty();
    }

    @Test
    void aOneDirectionExperimentPoolsOnlyThatDirection() {
        // a-to-b only: base A is trained just as the source of the transfer networks, far from base B.
        List<NetworkResult> networks = new ArrayList<>();
        for (int seed = 0; seed < 3; seed++) {
            networks.add(net(Arm.BASE, 0, Half.A, seed, 0.20 + 0.05 * seed));
            networks.add(net(Arm.BASE, 0, Half.B, seed, 0.80 + 0.01 * seed));
            for (int n = 1; n <= 3; n++) {
                networks.add(net(Arm.SELFFER, n, Half.B, seed, 0.79 - 0.01 * n + 0.002 * seed));
                networks.add(net(Arm.TRANSFER, n, Half.B, seed, 0.78 - 0.03 * n + 0.003 * seed));
                networks.add(net(Arm.TRANSFER_FINETUNED, n, Half.B, seed, 0.81 + 0.001 * seed));
                networks.add(net(Arm.RANDOM_FROZEN, n, Half.B, seed, 0.50 - 0.05 * n + 0.01 * seed));
            }
        }
        Scores inferred = calculator.score(networks);
        Scores requested = calculator.score(networks, java.util.EnumSet.of(Half.B));
        assertThat(requested).isEqualTo(inferred);
        for (Scores scores : List.of(inferred, requested)) {
            assertThat(rows(scores.arms().stream()
                            .filter(a -> a.direction().equals("pooled"))
                            .map(a -> List.of(a.arm(), a.n(), a.accuracy()))))
                    .isEqualTo(rows(scores.arms().stream()
                            .filter(a -> a.direction().equals("a-to-b"))
                            .map(a -> List.of(a.arm(), a.n(), a.accuracy()))));
            assertThat(rows(scores.effects().stream()
                            .filter(e -> e.direction().equals("pooled"))
                            .map(e -> List.of(e.effect(), e.n(), e.value()))))
                    .isEqualTo(rows(scores.effects().stream()
                            .filter(e -> e.direction().equals("a-to-b"))
                            .map(e -> List.of(e.effect(), e.n(), e.value()))))
                    .isNotEmpty();
            assertThat(rows(scores.unpaired().stream()
                            .filter(u -> u.direction().equals("pooled"))
                            .map(u -> List.of(u.name(), u.n(), u.value(), u.armCount(), u.referenceCount()))))
                    .isEqualTo(rows(scores.unpaired().stream()
                            .filter(u -> u.direction().equals("a-to-b"))
                            .map(u -> List.of(u.name(), u.n(), u.value(), u.armCount(), u.referenceCount()))));
            assertThat(scores.transitionLayers().get("pooled"))
                    .isEqualTo(scores.transitionLayers().get("a-to-b"));
            var base = scores.arm("pooled", Arm.BASE, 0).orElseThrow().accuracy();
            assertThat(base.count()).as("base B only").isEqualTo(3);
            assertThat(base.mean()).isCloseTo(0.81, within(1e-12));
            assertThat(base.low()).isGreaterThan(0.7);
        }
    }

    @Test
    void theRequestedDirectionsDecideThePoolBeforeAnyTransferNetworkFinished() {
        List<NetworkResult> bases = List.of(net(Arm.BASE, 0, Half.A, 0, 0.20), net(Arm.BASE, 0, Half.B, 0, 0.80));
        assertThat(calculator
                        .score(bases, java.util.EnumSet.of(Half.B))
                        .arm("pooled", Arm.BASE, 0)
                        .orElseThrow()
                        .accuracy()
                        .mean())
                .isCloseTo(0.80, within(1e-12));
        assertThat(calculator
                        .score(bases)
                        .arm("pooled", Arm.BASE, 0)
                        .orElseThrow()
                        .accuracy()
                        .mean())
                .as("nothing says which direction is studied yet: both bases")
                .isCloseTo(0.50, within(1e-12));
    }

    private static List<List<?>> rows(java.util.stream.Stream<? extends List<?>> rows) {
        return rows.<List<?>>map(r -> r).toList();
    }

    @Test
    void theContrastsOfThePapersArgumentPairWithinTargetHalfReplicateAndCut() {
        List<NetworkResult> networks = new ArrayList<>();
        for (int seed = 0; seed < 2; seed++) {
            double shift = 0.01 * seed;
            networks.add(net(Arm.BASE, 0, Half.B, seed, 0.80 + shift));
            networks.add(net(Arm.TRANSFER, 4, Half.B, seed, 0.70 + shift));
            networks.add(net(Arm.TRANSFER_FINETUNED, 4, Half.B, seed, 0.82 + shift));
            networks.add(net(Arm.SELFFER_FINETUNED, 4, Half.B, seed, 0.81 + shift));
            networks.add(net(Arm.RANDOM_FROZEN, 4, Half.B, seed, 0.40 + shift));
            networks.add(net(Arm.TRANSFER, 5, Half.B, seed, 0.60)); // no fine-tuned partner at n = 5
        }
        Scores scores = calculator.score(networks);
        var finetunedSpecificity = scores.effect("a-to-b", "finetuned-specificity", 4)
                .orElseThrow()
                .value();
        assertThat(finetunedSpecificity.mean()).as("AnB+ - BnB+").isCloseTo(0.01, within(1e-12));
        assertThat(finetunedSpecificity.count()).isEqualTo(2);
        assertThat(scores.effect("a-to-b", "finetune-recovery", 4)
                        .orElseThrow()
                        .value()
                        .mean())
                .as("AnB+ - AnB")
                .isCloseTo(0.12, within(1e-12));
        assertThat(scores.effect("a-to-b", "random-frozen-minus-transfer", 4)
                        .orElseThrow()
                        .value()
                        .mean())
                .as("random-frozen - AnB")
                .isCloseTo(-0.30, within(1e-12));
        assertThat(scores.effect("a-to-b", "finetune-recovery", 5))
                .as("no AnB+ at n = 5")
                .isEmpty();
        assertThat(scores.effect("pooled", "finetune-recovery", 4)
                        .orElseThrow()
                        .value()
                        .low())
                .as("the seed shift cancels within each pair")
                .isCloseTo(0.12, within(1e-12));
    }

    @Test
    void resultDoesNotDependOnInputOrder() {
        List<NetworkResult> networks = new ArrayList<>(PaperNetworks.load());
        Scores first = calculator.score(networks);
        Collections.shuffle(networks, new java.util.Random(5));
        assertThat(calculator.score(networks)).isEqualTo(first);
    }

    @Test
    void sourceHalfFollowsTheArm() {
        assertThat(ScoreCalculator.sourceOf(Arm.TRANSFER, Half.B)).isEqualTo(Half.A);
        assertThat(ScoreCalculator.sourceOf(Arm.SELFFER_FINETUNED, Half.B)).isEqualTo(Half.B);
        assertThat(ScoreCalculator.sourceOf(Arm.BASE, Half.B)).isNull();
        assertThat(ScoreCalculator.sourceOf(Arm.RANDOM_FROZEN, Half.A)).isNull();
    }

    private static NetworkResult net(Arm arm, int n, Half target, long seed, double accuracy) {
        return new NetworkResult(arm, n, ScoreCalculator.sourceOf(arm, target), target, seed, accuracy);
    }
}

package io.transferlab.analytics.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.Half;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContrastCalculatorTest {
    private final ContrastCalculator calculator = new ContrastCalculator(ScoringOptions.defaults());

    @Test
    void dissimilarSplitAgainstRandomSplitsPerCutWithWelchIntervals() {
        // Random splits: transfer gap -0.01 n, replicate noise +/- 0.002. Dissimilar: -0.03 n, noise +/- 0.004.
        var random = experiment(0.01, 0.002, 4);
        var dissimilar = experiment(0.03, 0.004, 3);
        List<ExperimentContrast> rows = calculator.compare(Effect.TRANSFER_GAP, random, dissimilar);
        assertThat(rows).extracting(ExperimentContrast::direction).containsOnly("a-to-b", "b-to-a", "pooled");
        ExperimentContrast n3 = rows.stream()
                .filter(r -> r.direction().equals("pooled") && r.n() == 3)
                .findFirst()
                .orElseThrow();
        assertThat(n3.reference().mean()).isCloseTo(-0.03, within(1e-3));
        assertThat(n3.treatment().mean()).isCloseTo(-0.09, within(2e-3));
        assertThat(n3.difference().mean())
                .isCloseTo(n3.treatment().mean() - n3.reference().mean(), within(1e-12));
        assertThat(n3.difference().method()).isEqualTo("welch-t");
        assertThat(n3.difference().count()).isEqualTo(3);
        assertThat(n3.difference().high()).as("falls faster, beyond noise").isNegative();
        ExperimentContrast n1 = rows.stream()
                .filter(r -> r.direction().equals("pooled") && r.n() == 1)
                .findFirst()
                .orElseThrow();
        assertThat(n1.difference().high() - n1.difference().low())
                .as("both experiments' spreads widen the interval")
                .isGreaterThan(n3.reference().high() - n3.reference().low());
    }

    @Test
    void cutsMissingOnOneSideAreLeftOutAndOneReplicateGivesNoInterval() {
        var random = experiment(0.01, 0.002, 4);
        List<NetworkResult> single = new ArrayList<>();
        single.add(new NetworkResult(Arm.BASE, 0, null, Half.B, 0, 0.8));
        single.add(new NetworkResult(Arm.TRANSFER, 2, Half.A, Half.B, 0, 0.7));
        var rows = calculator.compare(
                Effect.TRANSFER_GAP, random, new ContrastCalculator.Networks(single, EnumSet.of(Half.B)));
        assertThat(rows).extracting(ExperimentContrast::n).containsOnly(2);
        assertThat(rows).extracting(ExperimentContrast::direction).containsOnly("a-to-b", "pooled");
        assertThat(rows.get(0).difference().method()).isEqualTo("none");
        assertThat(rows.get(0).difference().mean()).isCloseTo(-0.1 + 0.02, within(1e-3));
    }

    @Test
    void effectsAreNamedOnTheWire() {
        assertThat(Effect.fromWire("finetune-recovery")).isEqualTo(Effect.FINETUNE_RECOVERY);
        assertThatThrownBy(() -> Effect.fromWire("x".repeat(500)))
                .hasMessageContaining("unknown effect")
                .hasMessageContaining("transfer-gap")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    }

    private static ContrastCalculator.Networks experiment(double dropPerLayer, double noise, int replicates) {
        List<NetworkResult> networks = new ArrayList<>();
        for (int r = 0; r < replicates; r++) {
            double wobble = noise * ((r % 2 == 0) ? 1 : -1) * (1 + r) / replicates;
            for (Half target : Half.values()) {
                double base = 0.8 + (target == Half.A ? 0.01 : 0.0);
                networks.add(new NetworkResult(Arm.BASE, 0, null, target, r, base));
                for (int n = 1; n <= 3; n++) {
                    networks.add(new NetworkResult(
                            Arm.TRANSFER, n, target.other(), target, r, base - dropPerLayer * n + wobble));
                }
            }
        }
        return new ContrastCalculator.Networks(networks, EnumSet.allOf(Half.class));
    }
}

package io.transferlab.analytics.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvergenceTest {
    @Test
    void aFlatTailIsAPlateau() {
        // 8 epochs: accuracy climbs, then the last four sit at 0.900, 0.902, 0.901, 0.903.
        List<EpochPoint> curve = curve(
                new double[] {0.5, 0.7, 0.85, 0.89, 0.900, 0.902, 0.901, 0.903},
                new double[] {2.0, 1.0, 0.6, 0.45, 0.40, 0.39, 0.385, 0.38});
        Convergence c = Convergence.of(curve);
        assertThat(c.verdict()).isEqualTo("plateau");
        assertThat(c.valGain()).isCloseTo((0.901 + 0.903) / 2 - (0.900 + 0.902) / 2, within(1e-12));
        assertThat(c.lossChange()).isCloseTo((0.3825 - 0.395) / 0.395, within(1e-9));
    }

    @Test
    void aCurveStillClimbingIsRising() {
        Convergence accuracy =
                Convergence.of(curve(new double[] {0.3, 0.4, 0.5, 0.6}, new double[] {2, 1.8, 1.7, 1.65}));
        assertThat(accuracy.verdict()).as("10 points in the last quarter").isEqualTo("rising");
        Convergence loss = Convergence.of(curve(new double[] {0.9, 0.9, 0.9, 0.9}, new double[] {2, 1.8, 1.0, 0.5}));
        assertThat(loss.verdict()).as("accuracy flat but the loss halves").isEqualTo("rising");
    }

    @Test
    void shortOrMissingCurvesAreSaidSo() {
        assertThat(Convergence.of(curve(new double[] {0.5, 0.6, 0.6}, new double[] {1, 1, 1}))
                        .verdict())
                .isEqualTo("too-short");
        assertThat(Convergence.of(null).verdict()).isEqualTo("no-curve");
        assertThat(Convergence.of(List.of()).valGain()).isNull();
    }

    private static List<EpochPoint> curve(double[] val, double[] loss) {
        List<EpochPoint> points = new ArrayList<>();
        for (int i = val.length - 1; i >= 0; i--) {
            points.add(new EpochPoint(i + 1, val.length, loss[i], val[i])); // arrival order does not matter
        }
        return points;
    }
}

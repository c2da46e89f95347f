package io.transferlab.analytics.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HolmCorrectionTest {
    @Test
    void stepsDownFromTheSmallestPValue() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
        double[] adjusted = HolmCorrection.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
        assertThat(adjusted[0]).isCloseTo(0.03, within(1e-12));
        assertThat(adjusted[1]).isCloseTo(0.06, within(1e-12));
        assertThat(adjusted[2]).isCloseTo(0.06, within(1e-12));
        assertThat(adjusted[3]).isCloseTo(0.02, within(1e-12));
    }

    @Test
    void capsAtOneAndSkipsUntestedCuts() {
        double[] adjusted = HolmCorrection.adjust(new double[] {0.6, Double.NaN, 0.02});
        assertThat(adjusted[1]).isNaN();
        assertThat(adjusted[2]).as("m = 2 tested").isCloseTo(0.04, within(1e-12));
        assertThat(adjusted[0]).isCloseTo(0.6, within(1e-12));
        assertThat(HolmCorrection.adjust(new double[] {0.6, 0.7, 0.9})).containsExactly(1.0, 1.0, 1.0);
    }
}

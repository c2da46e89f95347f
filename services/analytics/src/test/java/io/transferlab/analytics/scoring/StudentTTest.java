package io.transferlab.analytics.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StudentTTest {
    @Test
    void quantilesMatchTables() {
        assertThat(StudentT.quantile(0.975, 1)).isCloseTo(12.7062, within(1e-3));
        assertThat(StudentT.quantile(0.975, 2)).isCloseTo(4.3027, within(1e-4));
        assertThat(StudentT.quantile(0.975, 3)).isCloseTo(3.1824, within(1e-4));
        assertThat(StudentT.quantile(0.975, 7)).isCloseTo(2.3646, within(1e-4));
        assertThat(StudentT.quantile(0.975, 30)).isCloseTo(2.0423, within(1e-4));
        assertThat(StudentT.quantile(0.975, 1000)).isCloseTo(1.9623, within(1e-4));
        assertThat(StudentT.quantile(0.95, 9)).isCloseTo(1.8331, within(1e-4));
    }

    @Test
    void cdfIsSymmetricAndHalfAtZero() {
        assertThat(StudentT.cdf(0, 5)).isCloseTo(0.5, within(1e-12));
        assertThat(StudentT.cdf(-1.3, 4) + StudentT.cdf(1.3, 4)).isCloseTo(1.0, within(1e-12));
        assertThat(StudentT.quantile(0.025, 7)).isCloseTo(-2.3646, within(1e-4));
        // One degree of freedom is the Cauchy distribution: F(1) = 3/4.
        assertThat(StudentT.cdf(1.0, 1)).isCloseTo(0.75, within(1e-10));
    }
}

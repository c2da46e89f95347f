package io.transferlab.analytics.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.transferlab.contracts.model.Interval;
import org.junit.jupiter.api.Test;

class IntervalEstimatorTest {
    private final IntervalEstimator estimator = new IntervalEstimator(ScoringOptions.defaults());

    @Test
    void oneSampleHasNoInterval() {
        Interval interval = estimator.estimate(new double[] {0.61});
        assertThat(interval).isEqualTo(new Interval(0.61, null, null, 1, "none"));
        assertThat(estimator.pValue(new double[] {0.61})).isNaN();
    }

    @Test
    void noSampleIsAnError() {
        assertThatThrownBy(() -> estimator.estimate(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroVarianceCollapsesTheInterval() {
        Interval t = estimator.estimate(new double[] {0.5, 0.5, 0.5});
        assertThat(t.method()).isEqualTo("t");
        assertThat(t.low()).isEqualTo(0.5);
        assertThat(t.high()).isEqualTo(0.5);
        assertThat(estimator.pValue(new double[] {0.5, 0.5})).isZero();
        assertThat(estimator.pValue(new double[] {0.0, 0.0})).isEqualTo(1.0);
    }

    @Test
    void tIntervalOfTwoSamples() {
        // mean 2, sd sqrt(2), half-width t(0.975, 1) * sqrt(2) / sqrt(2) = 12.7062
        Interval interval = estimator.estimate(new double[] {1, 3});
        assertThat(interval.mean()).isEqualTo(2.0);
        assertThat(interval.low()).isCloseTo(2 - 12.7062, within(1e-3));
        assertThat(interval.high()).isCloseTo(2 + 12.7062, within(1e-3));
        assertThat(interval.count()).isEqualTo(2);
    }

    @Test
    void manySamplesStillGetATInterval() {
        // 1..40: mean 20.5, sd 11.69, t(0.975, 39) = 2.0227
        double[] values = new double[40];
        for (int i = 0; i < values.length; i++) {
            values[i] = values.length - i;
        }
        Interval interval = estimator.estimate(values);
        assertThat(interval.method()).isEqualTo("t");
        assertThat(interval.high() - interval.mean()).isCloseTo(2.0227 * 11.6905 / Math.sqrt(40), within(1e-3));
    }

    @Test
    void orderOfArrivalDoesNotMatter() {
        assertThat(estimator.estimate(new double[] {0.3, 0.1, 0.2}))
                .isEqualTo(estimator.estimate(new double[] {0.1, 0.2, 0.3}));
    }

    @Test
    void pValueIsTheTwoSidedOneSampleT() {
        // mean 2, se 1/sqrt(3) * 1 = 0.57735, t = 3.4641 with 2 df: two-sided p = 0.07418
        assertThat(estimator.pValue(new double[] {1, 2, 3})).isCloseTo(0.07418, within(1e-4));
        assertThat(estimator.pValue(new double[] {-1, -2, -3})).isCloseTo(0.07418, within(1e-4));
    }

    @Test
    void welchDifferenceOfIndependentSamples() {
        // scipy.stats.ttest_ind([1, 2, 3, 4], [0, 0, 1], equal_var=False).confidence_interval():
        // (0.21195, 4.12138); se 0.72648 on 4.349 Welch-Satterthwaite degrees of freedom
        Interval diff = estimator.difference(new double[] {1, 2, 3, 4}, new double[] {0, 0, 1});
        assertThat(diff.mean()).isCloseTo(2.1667, within(1e-4));
        assertThat(diff.method()).isEqualTo("welch-t");
        assertThat(diff.count()).isEqualTo(3);
        assertThat(diff.low()).isCloseTo(0.21195, within(1e-4));
        assertThat(diff.high()).isCloseTo(4.12138, within(1e-4));
        assertThat(estimator.difference(new double[] {1, 2}, new double[] {3}))
                .isEqualTo(new Interval(-1.5, null, null, 1, "none"));
    }
}

package io.transferlab.analytics.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.transferlab.contracts.model.Interval;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntervalEstimatorTest {
    private final IntervalEstimator estimator = new IntervalEstimator(ScoringOptions.defaults());

    @Test
    void oneSampleHasNoInterval() {
        Interval interval = estimator.estimate(new double[] {0.61});
        assertThat(interval).isEqualTo(new Interval(0.61, null, null, 1, "none"));
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
        Interval bootstrap = estimator.estimate(new double[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2});
        assertThat(bootstrap.method()).isEqualTo("bootstrap");
        assertThat(bootstrap.low()).isEqualTo(2.0);
        assertThat(bootstrap.high()).isEqualTo(2.0);
    }

    @Test
    void tIntervalOfTwoSamples() {
        // mean 2, sd sqrt(2), half-width 12.706 * sqrt(2) / sqrt(2)
        Interval interval = estimator.estimate(new double[] {1, 3});
        assertThat(interval.mean()).isEqualTo(2.0);
        assertThat(interval.low()).isCloseTo(2 - 12.7062, within(1e-3));
        assertThat(interval.high()).isCloseTo(2 + 12.7062, within(1e-3));
        assertThat(interval.count()).isEqualTo(2);
    }

    @Test
    void bootstrapStartsAtTenSamplesAndIsDeterministic() {
        double[] nine = sample(9, 1);
        double[] many = sample(40, 2);
        assertThat(estimator.estimate(nine).method()).isEqualTo("t");
        Interval first = estimator.estimate(many);
        assertThat(first.method()).isEqualTo("bootstrap");
        assertThat(estimator.estimate(many)).isEqualTo(first);
        assertThat(new IntervalEstimator(ScoringOptions.defaults()).estimate(many)).isEqualTo(first);
        double[] reversed = new double[many.length];
        for (int i = 0; i < many.length; i++) {
            reversed[i] = many[many.length - 1 - i];
        }
        assertThat(estimator.estimate(reversed)).as("order of arrival does not matter").isEqualTo(first);
        Interval otherSeed = new IntervalEstimator(new ScoringOptions(0.95, 10, 2000, 7L)).estimate(many);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void bootstrapAgreesWithTheNormalIntervalForManySamples() {
        double[] values = sample(200, 3);
        Interval bootstrap = estimator.estimate(values);
        double mean = IntervalEstimator.mean(values);
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double half = 1.96 * Math.sqrt(ss / (values.length - 1)) / Math.sqrt(values.length);
        assertThat(bootstrap.low()).isCloseTo(mean - half, within(half * 0.15));
        assertThat(bootstrap.high()).isCloseTo(mean + half, within(half * 0.15));
        assertThat(bootstrap.low()).isLessThan(mean);
        assertThat(bootstrap.high()).isGreaterThan(mean);
    }

    @Test
    void percentileInterpolatesBetweenOrderStatistics() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertThat(IntervalEstimator.percentile(sorted, 0.0)).isEqualTo(1.0);
        assertThat(IntervalEstimator.percentile(sorted, 0.5)).isEqualTo(3.0);
        assertThat(IntervalEstimator.percentile(sorted, 0.125)).isEqualTo(1.5);
        assertThat(IntervalEstimator.percentile(sorted, 1.0)).isEqualTo(5.0);
    }

    private static double[] sample(int count, long seed) {
        Random random = new Random(seed);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = 0.6 + 0.02 * random.nextGaussian();
        }
        return values;
    }
}

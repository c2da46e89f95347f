package io.transferlab.analytics.scoring;

import io.transferlab.contracts.model.Interval;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A mean with its confidence interval: "none" for one sample, a Student-t interval for a few, a
 * percentile bootstrap of the mean once there are enough. Samples are sorted first, so the result
 * depends on the multiset of values only, never on the order they arrived in.
 */
public final class IntervalEstimator {
    public static final String NONE = "none";
    public static final String T = "t";
    public static final String BOOTSTRAP = "bootstrap";

    private final ScoringOptions options;

    public IntervalEstimator(ScoringOptions options) {
        this.options = options;
    }

    public Interval estimate(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("an interval needs at least one sample");
        }
        double[] values = samples.clone();
        Arrays.sort(values);
        double mean = mean(values);
        if (values.length == 1) {
            return new Interval(mean, null, null, 1, NONE);
        }
        if (values.length >= options.bootstrapMinSamples()) {
            return bootstrap(values, mean);
        }
        return tInterval(values, mean);
    }

    private Interval tInterval(double[] values, double mean) {
        int count = values.length;
        double sumSquares = 0.0;
        for (double v : values) {
            sumSquares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(sumSquares / (count - 1));
        double half = StudentT.quantile(1.0 - (1.0 - options.confidence()) / 2.0, count - 1) * sd / Math.sqrt(count);
        return new Interval(mean, mean - half, mean + half, count, T);
    }

    private Interval bootstrap(double[] values, double mean) {
        int count = values.length;
        int resamples = options.bootstrapResamples();
        SplittableRandom random = new SplittableRandom(options.bootstrapSeed());
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0.0;
            for (int i = 0; i < count; i++) {
                sum += values[random.nextInt(count)];
            }
            means[r] = sum / count;
        }
        Arrays.sort(means);
        double alpha = (1.0 - options.confidence()) / 2.0;
        double low = percentile(means, alpha);
        double high = percentile(means, 1.0 - alpha);
        // Resampled means are never outside the sample range, but rounding must not put the point
        // estimate outside its own interval.
        return new Interval(mean, Math.min(low, mean), Math.max(high, mean), count, BOOTSTRAP);
    }

    /** Linear interpolation between order statistics (the "type 7" rule of R and numpy). */
    static double percentile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, sorted.length - 1);
        double fraction = position - lower;
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
    }

    static double mean(double[] values) {
        double sum = 0.0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}

package io.transferlab.analytics.scoring;

/**
 * How intervals are estimated: a Student-t interval below {@code bootstrapMinSamples} samples, a
 * seeded percentile bootstrap of the mean from there on.
 */
public record ScoringOptions(double confidence, int bootstrapMinSamples, int bootstrapResamples, long bootstrapSeed) {
    /** arXiv 1411.1792, the paper this protocol comes from. */
    public static final long DEFAULT_SEED = 14111792L;

    public ScoringOptions {
        if (!(confidence > 0.0 && confidence < 1.0)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        if (bootstrapMinSamples < 2) {
            throw new IllegalArgumentException("bootstrap needs at least 2 samples, got " + bootstrapMinSamples);
        }
        if (bootstrapResamples < 100) {
            throw new IllegalArgumentException("use at least 100 bootstrap resamples, got " + bootstrapResamples);
        }
    }

    public static ScoringOptions defaults() {
        return new ScoringOptions(0.95, 10, 2000, DEFAULT_SEED);
    }
}

package io.transferlab.analytics.scoring;

/**
 * How intervals and tests are computed: {@code confidence} of every interval (0.95), and the same level
 * sets the family-wise error rate (1 - confidence) that the Holm correction of the transition layer
 * keeps across the layer cuts.
 */
public record ScoringOptions(double confidence) {
    public ScoringOptions {
        if (!(confidence > 0.0 && confidence < 1.0)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
    }

    /** The family-wise error rate of the transition-layer tests. */
    public double alpha() {
        return 1.0 - confidence;
    }

    public static ScoringOptions defaults() {
        return new ScoringOptions(0.95);
    }
}

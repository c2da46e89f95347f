package io.transferlab.launcher.render;

import java.util.Locale;

/**
 * How much of an experiment's wall time its jobs spent computing: {@code wallSeconds} from acceptance to
 * completion (the coordinator's figure), {@code computeSeconds} the jobs' summed training-step and evaluation
 * time (from their JobCompleted results). Everything else (job start, dataset decoding, network building,
 * checkpoint I/O, hand-offs, idle) is overhead; a ratio of 1.05 means 5% of it.
 */
public record ComputeShare(double wallSeconds, double computeSeconds) {

    public double overheadRatio() {
        return computeSeconds > 0 ? wallSeconds / computeSeconds : Double.NaN;
    }

    /** {@code wall_s=<w> compute_s=<c> overhead_ratio=<w/c>}, the line benchmarks/experiment.sh reads. */
    public String line() {
        return String.format(
                Locale.ROOT,
                "wall_s=%.1f compute_s=%.1f overhead_ratio=%.3f",
                wallSeconds,
                computeSeconds,
                overheadRatio());
    }
}

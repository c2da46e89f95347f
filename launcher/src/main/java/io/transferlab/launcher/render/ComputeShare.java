package io.transferlab.launcher.render;

import java.util.Locale;

/**
 * How much of an experiment's wall time its jobs spent computing: {@code wallSeconds} from acceptance to
 * completion (the coordinator's figure), {@code computeSeconds} the jobs' summed training-step and evaluation
 * time (from their JobCompleted results), {@code slots} the jobs the trainers train side by side. The capacity is
 * wall time x slots; everything of it the jobs did not compute in (job start, dataset decoding, network building,
 * checkpoint I/O, hand-offs, a slot left idle) is overhead, and a ratio of 1.05 means 5% of it. With one slot the
 * ratio is wall / compute. {@code jobSeconds} is the jobs' own time on their trainers (from taking the job to its
 * result), which splits the overhead into the part inside the jobs and the part between them.
 */
public record ComputeShare(double wallSeconds, double computeSeconds, double jobSeconds, int slots) {

    public ComputeShare {
        if (slots < 1) {
            throw new IllegalArgumentException("at least one job slot");
        }
    }

    public ComputeShare withSlots(int jobSlots) {
        return new ComputeShare(wallSeconds, computeSeconds, jobSeconds, jobSlots);
    }

    public double overheadRatio() {
        return computeSeconds > 0 ? wallSeconds * slots / computeSeconds : Double.NaN;
    }

    /**
     * Where the overhead went, in slot-seconds: {@code inside_jobs_s} = job time - compute (job start, dataset
     * decoding, network building, checkpoint writing and upload) and {@code between_jobs_s} = wall x slots - job
     * time (hand-offs through Kafka, a slot left idle at the DAG's start and tail).
     */
    public String breakdown() {
        return String.format(
                Locale.ROOT,
                "overhead_s=%.1f inside_jobs_s=%.1f between_jobs_s=%.1f",
                wallSeconds * slots - computeSeconds,
                jobSeconds - computeSeconds,
                wallSeconds * slots - jobSeconds);
    }

    /**
     * {@code wall_s=<w> compute_s=<c> overhead_ratio=<w*slots/c> slots=<k>}, the line benchmarks/experiment.sh
     * reads.
     */
    public String line() {
        return String.format(
                Locale.ROOT,
                "wall_s=%.1f compute_s=%.1f overhead_ratio=%.3f slots=%d",
                wallSeconds,
                computeSeconds,
                overheadRatio(),
                slots);
    }
}

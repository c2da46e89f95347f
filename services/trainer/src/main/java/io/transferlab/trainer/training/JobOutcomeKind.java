package io.transferlab.trainer.training;

/** How a delivered job ended on this trainer, which decides whether its offset is committed. */
public enum JobOutcomeKind {
    /** JobCompleted published. */
    COMPLETED,
    /** JobFailed published (retryable or not): the coordinator decides about another attempt. */
    FAILED,
    /** JobCancelled published: its experiment was cancelled. */
    CANCELLED,
    /**
     * Stopped without a terminal event (the partition moved to another trainer, this trainer is shutting
     * down, or the event could not be published): the job must be delivered again.
     */
    RELEASED,
    /**
     * Not run, or stopped, because another run of the same job on this trainer owns it (the same attempt
     * delivered twice, or a newer attempt): nothing published, the offset commits, the other run reports.
     */
    SUPERSEDED;

    public boolean commits() {
        return this != RELEASED;
    }

    /** True for the outcomes that published a terminal event (counted by {@code trainer.jobs}). */
    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}

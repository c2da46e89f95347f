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
    RELEASED;

    public boolean commits() {
        return this != RELEASED;
    }
}

package io.transferlab.analytics.ledger;

/** Where a planned job stands, as far as the events say. */
public enum JobState {
    PENDING,
    COMPLETED,
    FAILED,
    /** Failed with non-finite loss or outputs: never scored, shown on its own. */
    DIVERGED,
    CANCELLED;

    public boolean terminal() {
        return this != PENDING;
    }
}

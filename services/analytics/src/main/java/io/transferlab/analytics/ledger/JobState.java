package io.transferlab.analytics.ledger;

/** Where a planned job stands, as far as the events say. */
public enum JobState {
    PENDING,
    COMPLETED,
    FAILED,
    CANCELLED;

    public boolean terminal() {
        return this != PENDING;
    }
}

package io.transferlab.analytics.ledger;

/** What became of one consumed event. Few values, so they can be a metric tag. */
public enum IngestOutcome {
    /** A new fact about an experiment. */
    APPLIED,
    /** An event id seen before (a redelivery or a replayed duplicate): nothing changes. */
    DUPLICATE,
    /** A type the analytics does not keep (heartbeats, requests, checkpoints). */
    IGNORED,
    /** The body could not be read as the event it claims to be. */
    MALFORMED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package io.transferlab.contracts.events;

import java.time.Instant;

/** The experiment was cancelled. Trainers stop its running jobs within one mini-batch. */
public record ExperimentCancelled(
        String eventId, Instant occurredAt, int schemaVersion, String experimentId, String reason)
        implements ExperimentEvent {
    public ExperimentCancelled {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        reason = reason == null ? "cancelled by user" : reason;
    }

    /** A new event: a fresh id, the current schema version, happening now. */
    public static ExperimentCancelled of(String experimentId, String reason) {
        return at(null, experimentId, reason);
    }

    /** A new event: a fresh id, the current schema version, happening at {@code occurredAt} (null = now). */
    public static ExperimentCancelled at(Instant occurredAt, String experimentId, String reason) {
        return new ExperimentCancelled(null, occurredAt, 0, experimentId, reason);
    }
}

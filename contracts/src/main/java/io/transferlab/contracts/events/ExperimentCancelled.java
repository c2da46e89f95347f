package io.transferlab.contracts.events;

import java.time.Instant;

/** The experiment was cancelled. Trainers stop its running jobs within one mini-batch. */
public record ExperimentCancelled(String eventId, Instant occurredAt, int schemaVersion, String experimentId,
        String reason) implements ExperimentEvent {
    public ExperimentCancelled {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        reason = reason == null ? "cancelled by user" : reason;
    }
}

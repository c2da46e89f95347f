package io.transferlab.contracts.events;

import java.time.Instant;

/**
 * The coordinator accepted a request. It carries the request with every default filled in (so the
 * experiment can be rebuilt from this topic alone) and the SHA-256 digest of its canonical JSON, by
 * which a redelivery is told apart from a conflicting request under the same id.
 */
public record ExperimentAccepted(
        String eventId,
        Instant occurredAt,
        int schemaVersion,
        String experimentId,
        String requestDigest,
        ExperimentRequested request)
        implements ExperimentEvent {
    public ExperimentAccepted {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        Events.required("requestDigest", requestDigest);
        Events.required("request", request);
    }

    /** A new event: a fresh id, the current schema version, happening now. */
    public static ExperimentAccepted of(String experimentId, String requestDigest, ExperimentRequested request) {
        return at(null, experimentId, requestDigest, request);
    }

    /** A new event: a fresh id, the current schema version, happening at {@code occurredAt} (null = now). */
    public static ExperimentAccepted at(
            Instant occurredAt, String experimentId, String requestDigest, ExperimentRequested request) {
        return new ExperimentAccepted(null, occurredAt, 0, experimentId, requestDigest, request);
    }
}

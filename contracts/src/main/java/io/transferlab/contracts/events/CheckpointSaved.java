package io.transferlab.contracts.events;

import java.time.Instant;

/** A checkpoint is durable in the object store, with the SHA-256 of its bytes. */
public record CheckpointSaved(String eventId, Instant occurredAt, int schemaVersion, String experimentId,
        String jobId, int attempt, int epoch, String uri, long sizeBytes, String sha256, boolean finalCheckpoint)
        implements JobEvent {
    public CheckpointSaved {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        Events.required("jobId", jobId);
        attempt = Events.attempt(attempt);
        Events.required("uri", uri);
        Events.required("sha256", sha256);
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("a checkpoint has bytes");
        }
    }
}

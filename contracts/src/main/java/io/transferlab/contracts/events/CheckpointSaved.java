package io.transferlab.contracts.events;

import java.time.Instant;

/** A checkpoint is durable in the object store, with the SHA-256 of its bytes. */
public record CheckpointSaved(
        String eventId,
        Instant occurredAt,
        int schemaVersion,
        String experimentId,
        String jobId,
        int attempt,
        int epoch,
        String uri,
        long sizeBytes,
        String sha256,
        boolean finalCheckpoint)
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

    /** A new event: a fresh id, the current schema version, happening now. */
    public static CheckpointSaved of(
            String experimentId,
            String jobId,
            int attempt,
            int epoch,
            String uri,
            long sizeBytes,
            String sha256,
            boolean finalCheckpoint) {
        return at(null, experimentId, jobId, attempt, epoch, uri, sizeBytes, sha256, finalCheckpoint);
    }

    /** A new event: a fresh id, the current schema version, happening at {@code occurredAt} (null = now). */
    public static CheckpointSaved at(
            Instant occurredAt,
            String experimentId,
            String jobId,
            int attempt,
            int epoch,
            String uri,
            long sizeBytes,
            String sha256,
            boolean finalCheckpoint) {
        return new CheckpointSaved(
                null, occurredAt, 0, experimentId, jobId, attempt, epoch, uri, sizeBytes, sha256, finalCheckpoint);
    }
}

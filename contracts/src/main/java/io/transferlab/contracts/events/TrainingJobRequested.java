package io.transferlab.contracts.events;

import io.transferlab.contracts.model.JobSpec;
import java.time.Instant;

/**
 * A job to train (or a CKA job) with its inputs resolved. Job ids are deterministic (experiment id,
 * arm, n, source and target half, seed), so a re-dispatch carries the same id and attempt + 1.
 */
public record TrainingJobRequested(
        String eventId,
        Instant occurredAt,
        int schemaVersion,
        String experimentId,
        String jobId,
        int attempt,
        JobSpec spec)
        implements JobEvent {
    public TrainingJobRequested {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        Events.required("jobId", jobId);
        attempt = Events.attempt(attempt);
        Events.required("spec", spec);
    }

    /** A new event: a fresh id, the current schema version, happening now. */
    public static TrainingJobRequested of(String experimentId, String jobId, int attempt, JobSpec spec) {
        return at(null, experimentId, jobId, attempt, spec);
    }

    /** A new event: a fresh id, the current schema version, happening at {@code occurredAt} (null = now). */
    public static TrainingJobRequested at(
            Instant occurredAt, String experimentId, String jobId, int attempt, JobSpec spec) {
        return new TrainingJobRequested(null, occurredAt, 0, experimentId, jobId, attempt, spec);
    }
}

package io.transferlab.contracts.events;

import io.transferlab.contracts.model.JobResult;
import java.time.Instant;

/** The job succeeded; sent only once its final checkpoint is durable. */
public record JobCompleted(
        String eventId,
        Instant occurredAt,
        int schemaVersion,
        String experimentId,
        String jobId,
        int attempt,
        JobResult result)
        implements JobEvent {
    public JobCompleted {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        Events.required("jobId", jobId);
        attempt = Events.attempt(attempt);
        Events.required("result", result);
    }

    /** A new event: a fresh id, the current schema version, happening now. */
    public static JobCompleted of(String experimentId, String jobId, int attempt, JobResult result) {
        return at(null, experimentId, jobId, attempt, result);
    }

    /** A new event: a fresh id, the current schema version, happening at {@code occurredAt} (null = now). */
    public static JobCompleted at(
            Instant occurredAt, String experimentId, String jobId, int attempt, JobResult result) {
        return new JobCompleted(null, occurredAt, 0, experimentId, jobId, attempt, result);
    }
}

package io.transferlab.contracts.events;

import java.time.Instant;

/** The job will not run or stopped: the experiment was cancelled, or a job it depends on failed. */
public record JobCancelled(
        String eventId,
        Instant occurredAt,
        int schemaVersion,
        String experimentId,
        String jobId,
        int attempt,
        String reason)
        implements JobEvent {
    public JobCancelled {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        Events.required("jobId", jobId);
        attempt = Events.attempt(attempt);
        Events.required("reason", reason);
    }

    /** A new event: a fresh id, the current schema version, happening now. */
    public static JobCancelled of(String experimentId, String jobId, int attempt, String reason) {
        return at(null, experimentId, jobId, attempt, reason);
    }

    /** A new event: a fresh id, the current schema version, happening at {@code occurredAt} (null = now). */
    public static JobCancelled at(Instant occurredAt, String experimentId, String jobId, int attempt, String reason) {
        return new JobCancelled(null, occurredAt, 0, experimentId, jobId, attempt, reason);
    }
}

package io.transferlab.contracts.events;

import java.time.Instant;

/** A trainer took the job. {@code resumedFromEpoch} is the epoch checkpoint it resumed from, or null. */
public record JobStarted(
        String eventId,
        Instant occurredAt,
        int schemaVersion,
        String experimentId,
        String jobId,
        int attempt,
        String trainerId,
        String backend,
        Integer resumedFromEpoch)
        implements JobEvent {
    public JobStarted {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        Events.required("jobId", jobId);
        attempt = Events.attempt(attempt);
        Events.required("trainerId", trainerId);
    }

    /** A new event: a fresh id, the current schema version, happening now. */
    public static JobStarted of(
            String experimentId,
            String jobId,
            int attempt,
            String trainerId,
            String backend,
            Integer resumedFromEpoch) {
        return at(null, experimentId, jobId, attempt, trainerId, backend, resumedFromEpoch);
    }

    /** A new event: a fresh id, the current schema version, happening at {@code occurredAt} (null = now). */
    public static JobStarted at(
            Instant occurredAt,
            String experimentId,
            String jobId,
            int attempt,
            String trainerId,
            String backend,
            Integer resumedFromEpoch) {
        return new JobStarted(null, occurredAt, 0, experimentId, jobId, attempt, trainerId, backend, resumedFromEpoch);
    }
}

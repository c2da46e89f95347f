package io.transferlab.contracts.events;

import java.time.Instant;

/** The job is alive; {@code progress} in [0, 1] over all its epochs. */
public record JobHeartbeat(
        String eventId,
        Instant occurredAt,
        int schemaVersion,
        String experimentId,
        String jobId,
        int attempt,
        String trainerId,
        int epoch,
        long iteration,
        double progress)
        implements JobEvent {
    public JobHeartbeat {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        Events.required("jobId", jobId);
        attempt = Events.attempt(attempt);
        Events.required("trainerId", trainerId);
        Events.fraction("progress", progress);
    }

    /** A new event: a fresh id, the current schema version, happening now. */
    public static JobHeartbeat of(
            String experimentId,
            String jobId,
            int attempt,
            String trainerId,
            int epoch,
            long iteration,
            double progress) {
        return at(null, experimentId, jobId, attempt, trainerId, epoch, iteration, progress);
    }

    /** A new event: a fresh id, the current schema version, happening at {@code occurredAt} (null = now). */
    public static JobHeartbeat at(
            Instant occurredAt,
            String experimentId,
            String jobId,
            int attempt,
            String trainerId,
            int epoch,
            long iteration,
            double progress) {
        return new JobHeartbeat(
                null, occurredAt, 0, experimentId, jobId, attempt, trainerId, epoch, iteration, progress);
    }
}

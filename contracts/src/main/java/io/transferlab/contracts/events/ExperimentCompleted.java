package io.transferlab.contracts.events;

import io.transferlab.contracts.model.JobCounts;
import java.time.Instant;

/** Every job of the experiment is terminal. Some may have failed or been cancelled: see the counts. */
public record ExperimentCompleted(
        String eventId,
        Instant occurredAt,
        int schemaVersion,
        String experimentId,
        JobCounts counts,
        long durationMillis)
        implements ExperimentEvent {
    public ExperimentCompleted {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        Events.required("counts", counts);
    }

    /** A new event: a fresh id, the current schema version, happening now. */
    public static ExperimentCompleted of(String experimentId, JobCounts counts, long durationMillis) {
        return at(null, experimentId, counts, durationMillis);
    }

    /** A new event: a fresh id, the current schema version, happening at {@code occurredAt} (null = now). */
    public static ExperimentCompleted at(
            Instant occurredAt, String experimentId, JobCounts counts, long durationMillis) {
        return new ExperimentCompleted(null, occurredAt, 0, experimentId, counts, durationMillis);
    }
}

package io.transferlab.contracts.events;

import io.transferlab.contracts.model.JobCounts;
import java.time.Instant;

/** Job counts by state, published whenever a job of the experiment changes state. */
public record ExperimentProgress(
        String eventId, Instant occurredAt, int schemaVersion, String experimentId, JobCounts counts)
        implements ExperimentEvent {
    public ExperimentProgress {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        Events.required("counts", counts);
    }

    /** A new event: a fresh id, the current schema version, happening now. */
    public static ExperimentProgress of(String experimentId, JobCounts counts) {
        return at(null, experimentId, counts);
    }

    /** A new event: a fresh id, the current schema version, happening at {@code occurredAt} (null = now). */
    public static ExperimentProgress at(Instant occurredAt, String experimentId, JobCounts counts) {
        return new ExperimentProgress(null, occurredAt, 0, experimentId, counts);
    }
}

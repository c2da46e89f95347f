package io.transferlab.contracts.events;

import io.transferlab.contracts.model.JobCounts;
import java.time.Instant;

/** The experiment cannot go on (for example every base job failed). */
public record ExperimentFailed(
        String eventId, Instant occurredAt, int schemaVersion, String experimentId, String reason, JobCounts counts)
        implements ExperimentEvent {
    public ExperimentFailed {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        Events.required("reason", reason);
    }

    /** A new event: a fresh id, the current schema version, happening now. */
    public static ExperimentFailed of(String experimentId, String reason, JobCounts counts) {
        return at(null, experimentId, reason, counts);
    }

    /** A new event: a fresh id, the current schema version, happening at {@code occurredAt} (null = now). */
    public static ExperimentFailed at(Instant occurredAt, String experimentId, String reason, JobCounts counts) {
        return new ExperimentFailed(null, occurredAt, 0, experimentId, reason, counts);
    }
}

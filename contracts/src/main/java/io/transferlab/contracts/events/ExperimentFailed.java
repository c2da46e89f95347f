package io.transferlab.contracts.events;

import io.transferlab.contracts.model.JobCounts;
import java.time.Instant;

/** The experiment cannot go on (for example every base job failed). */
public record ExperimentFailed(String eventId, Instant occurredAt, int schemaVersion, String experimentId,
        String reason, JobCounts counts) implements ExperimentEvent {
    public ExperimentFailed {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        Events.required("reason", reason);
    }
}

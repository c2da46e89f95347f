package io.transferlab.contracts.events;

import io.transferlab.contracts.model.JobCounts;
import java.time.Instant;

/** Every job of the experiment is terminal. Some may have failed or been cancelled: see the counts. */
public record ExperimentCompleted(String eventId, Instant occurredAt, int schemaVersion, String experimentId,
        JobCounts counts, long durationMillis) implements ExperimentEvent {
    public ExperimentCompleted {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        Events.required("counts", counts);
    }
}

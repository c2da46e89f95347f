package io.transferlab.contracts.events;

import io.transferlab.contracts.model.JobResult;
import java.time.Instant;

/** The job succeeded; sent only once its final checkpoint is durable. */
public record JobCompleted(String eventId, Instant occurredAt, int schemaVersion, String experimentId, String jobId,
        int attempt, JobResult result) implements JobEvent {
    public JobCompleted {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        Events.required("jobId", jobId);
        attempt = Events.attempt(attempt);
        Events.required("result", result);
    }
}

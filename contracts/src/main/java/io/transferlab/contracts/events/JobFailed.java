package io.transferlab.contracts.events;

import java.time.Instant;

/** The job failed. {@code retryable} says whether another attempt can help (an outage: yes; a corrupt input: no). */
public record JobFailed(String eventId, Instant occurredAt, int schemaVersion, String experimentId, String jobId,
        int attempt, String reason, boolean retryable) implements JobEvent {
    public JobFailed {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        Events.required("jobId", jobId);
        attempt = Events.attempt(attempt);
        Events.required("reason", reason);
    }
}

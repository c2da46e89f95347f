package io.transferlab.contracts.events;

import io.transferlab.contracts.model.Problem;
import java.time.Instant;
import java.util.List;

/**
 * A request was refused; {@code problems} lists every problem found, not just the first.
 * {@code experimentId} is the requested id when there was one (else the request's event id).
 */
public record ExperimentRejected(String eventId, Instant occurredAt, int schemaVersion, String experimentId,
        String requestEventId, List<Problem> problems) implements ExperimentEvent {
    public ExperimentRejected {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("a rejection lists at least one problem");
        }
        problems = List.copyOf(problems);
    }
}

package io.transferlab.contracts.events;

import io.transferlab.contracts.Bounded;
import io.transferlab.contracts.model.Problem;
import io.transferlab.contracts.model.Problems;
import java.time.Instant;
import java.util.List;

/**
 * A request was refused; {@code problems} lists every problem found, not just the first, up to
 * {@link Problems#MAX} (the last entry then counts the rest). {@code experimentId} is the requested id
 * when there was one (else one derived from the request's event id). Ids are bounded ({@link Bounded}),
 * so a rejection stays small whatever the request held.
 */
public record ExperimentRejected(
        String eventId,
        Instant occurredAt,
        int schemaVersion,
        String experimentId,
        String requestEventId,
        List<Problem> problems)
        implements ExperimentEvent {
    public ExperimentRejected {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        experimentId = Bounded.id(Events.required("experimentId", experimentId));
        requestEventId = Bounded.id(requestEventId);
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("a rejection lists at least one problem");
        }
        problems = List.copyOf(Problems.capped(problems));
    }

    /** A new event: a fresh id, the current schema version, happening now. */
    public static ExperimentRejected of(String experimentId, String requestEventId, List<Problem> problems) {
        return at(null, experimentId, requestEventId, problems);
    }

    /** A new event: a fresh id, the current schema version, happening at {@code occurredAt} (null = now). */
    public static ExperimentRejected at(
            Instant occurredAt, String experimentId, String requestEventId, List<Problem> problems) {
        return new ExperimentRejected(null, occurredAt, 0, experimentId, requestEventId, problems);
    }
}

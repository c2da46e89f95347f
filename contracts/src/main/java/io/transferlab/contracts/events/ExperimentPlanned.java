package io.transferlab.contracts.events;

import io.transferlab.contracts.model.PlannedJob;
import java.time.Instant;
import java.util.List;

/** The experiment's job graph: every job with the jobs it depends on, in dispatch order. */
public record ExperimentPlanned(
        String eventId, Instant occurredAt, int schemaVersion, String experimentId, List<PlannedJob> jobs)
        implements ExperimentEvent {
    public ExperimentPlanned {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        if (jobs == null || jobs.isEmpty()) {
            throw new IllegalArgumentException("a plan has at least one job");
        }
        jobs = List.copyOf(jobs);
    }

    /** A new event: a fresh id, the current schema version, happening now. */
    public static ExperimentPlanned of(String experimentId, List<PlannedJob> jobs) {
        return at(null, experimentId, jobs);
    }

    /** A new event: a fresh id, the current schema version, happening at {@code occurredAt} (null = now). */
    public static ExperimentPlanned at(Instant occurredAt, String experimentId, List<PlannedJob> jobs) {
        return new ExperimentPlanned(null, occurredAt, 0, experimentId, jobs);
    }
}

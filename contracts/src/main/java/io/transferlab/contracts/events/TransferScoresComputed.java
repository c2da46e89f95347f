package io.transferlab.contracts.events;

import io.transferlab.contracts.model.ScoreTable;
import java.time.Instant;

/** Generality and specificity scores of an experiment; {@code partial} while jobs are still running. */
public record TransferScoresComputed(
        String eventId, Instant occurredAt, int schemaVersion, String experimentId, boolean partial, ScoreTable scores)
        implements ExperimentEvent {
    public TransferScoresComputed {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        Events.required("scores", scores);
    }

    /** A new event: a fresh id, the current schema version, happening now. */
    public static TransferScoresComputed of(String experimentId, boolean partial, ScoreTable scores) {
        return at(null, experimentId, partial, scores);
    }

    /** A new event: a fresh id, the current schema version, happening at {@code occurredAt} (null = now). */
    public static TransferScoresComputed at(
            Instant occurredAt, String experimentId, boolean partial, ScoreTable scores) {
        return new TransferScoresComputed(null, occurredAt, 0, experimentId, partial, scores);
    }
}

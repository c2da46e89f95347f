package io.transferlab.contracts.events;

import java.time.Instant;

/** One epoch finished (epochs count from 1). Accuracies are fractions in [0, 1]; top-5 is null below 10 classes. */
public record EpochCompleted(
        String eventId,
        Instant occurredAt,
        int schemaVersion,
        String experimentId,
        String jobId,
        int attempt,
        int epoch,
        int epochs,
        double trainLoss,
        double valTop1,
        Double valTop5,
        double learningRate,
        double imagesPerSecond,
        long epochMillis)
        implements JobEvent {
    public EpochCompleted {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        Events.required("jobId", jobId);
        attempt = Events.attempt(attempt);
        if (epoch < 1 || epoch > epochs) {
            throw new IllegalArgumentException("epoch " + epoch + " outside 1.." + epochs);
        }
        Events.fraction("valTop1", valTop1);
        if (valTop5 != null) {
            Events.fraction("valTop5", valTop5);
        }
    }

    /** A new event: a fresh id, the current schema version, happening now. */
    public static EpochCompleted of(
            String experimentId,
            String jobId,
            int attempt,
            int epoch,
            int epochs,
            double trainLoss,
            double valTop1,
            Double valTop5,
            double learningRate,
            double imagesPerSecond,
            long epochMillis) {
        return at(
                null,
                experimentId,
                jobId,
                attempt,
                epoch,
                epochs,
                trainLoss,
                valTop1,
                valTop5,
                learningRate,
                imagesPerSecond,
                epochMillis);
    }

    /** A new event: a fresh id, the current schema version, happening at {@code occurredAt} (null = now). */
    public static EpochCompleted at(
            Instant occurredAt,
            String experimentId,
            String jobId,
            int attempt,
            int epoch,
            int epochs,
            double trainLoss,
            double valTop1,
            Double valTop5,
            double learningRate,
            double imagesPerSecond,
            long epochMillis) {
        return new EpochCompleted(
                null,
                occurredAt,
                0,
                experimentId,
                jobId,
                attempt,
                epoch,
                epochs,
                trainLoss,
                valTop1,
                valTop5,
                learningRate,
                imagesPerSecond,
                epochMillis);
    }
}

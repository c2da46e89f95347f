package io.transferlab.analytics.ledger;

import io.transferlab.contracts.events.EpochCompleted;
import io.transferlab.contracts.events.ExperimentAccepted;
import io.transferlab.contracts.events.ExperimentCancelled;
import io.transferlab.contracts.events.ExperimentCompleted;
import io.transferlab.contracts.events.ExperimentFailed;
import io.transferlab.contracts.events.ExperimentPlanned;
import io.transferlab.contracts.events.JobCancelled;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobFailed;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.events.TransferScoresComputed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The facts seen about one experiment, as they arrived. Nothing is decided here: {@link LedgerView}
 * derives the counted results and the anomalies from these facts, ordered by event time, so the same
 * events read in any interleaving of the two topics (a replay after a restart) give the same view.
 * Not thread-safe; {@link LedgerStore} guards it.
 */
public final class ExperimentLedger {
    private static final Comparator<TransferLabEvent> BY_TIME =
            Comparator.comparing(TransferLabEvent::occurredAt).thenComparing(TransferLabEvent::eventId);

    private final String experimentId;
    private final List<ExperimentAccepted> accepted = new ArrayList<>();
    private final List<ExperimentPlanned> plans = new ArrayList<>();
    private final List<ExperimentCancelled> cancellations = new ArrayList<>();
    private final List<ExperimentCompleted> completions = new ArrayList<>();
    private final List<ExperimentFailed> failures = new ArrayList<>();
    private final List<JobCompleted> jobCompletions = new ArrayList<>();
    private final List<JobFailed> jobFailures = new ArrayList<>();
    private final List<JobCancelled> jobCancellations = new ArrayList<>();
    private final Map<String, TreeMap<Integer, TreeMap<Integer, EpochCompleted>>> epochs = new HashMap<>();
    private final List<Anomaly> ingestAnomalies = new ArrayList<>();
    private TransferScoresComputed lastScores;
    private Instant lastActivity = Instant.EPOCH;
    private long version;

    public ExperimentLedger(String experimentId) {
        this.experimentId = experimentId;
    }

    /** Records an event of this experiment; returns false for types the analytics does not keep. */
    boolean record(TransferLabEvent event) {
        boolean kept = true;
        if (event instanceof ExperimentAccepted e) {
            accepted.add(e);
        } else if (event instanceof ExperimentPlanned e) {
            plans.add(e);
        } else if (event instanceof ExperimentCancelled e) {
            cancellations.add(e);
        } else if (event instanceof ExperimentCompleted e) {
            completions.add(e);
        } else if (event instanceof ExperimentFailed e) {
            failures.add(e);
        } else if (event instanceof JobCompleted e) {
            jobCompletions.add(e);
        } else if (event instanceof JobFailed e) {
            jobFailures.add(e);
        } else if (event instanceof JobCancelled e) {
            jobCancellations.add(e);
        } else if (event instanceof EpochCompleted e) {
            epochs.computeIfAbsent(e.jobId(), id -> new TreeMap<>())
                    .computeIfAbsent(e.attempt(), a -> new TreeMap<>())
                    .put(e.epoch(), e);
        } else if (event instanceof TransferScoresComputed e) {
            if (lastScores == null || BY_TIME.compare(e, lastScores) > 0) {
                lastScores = e;
            }
            kept = false;
        } else {
            kept = false;
        }
        if (kept) {
            touch(event.occurredAt());
        }
        return kept;
    }

    void recordAnomaly(Anomaly anomaly) {
        ingestAnomalies.add(anomaly);
        touch(anomaly.occurredAt() == null ? Instant.EPOCH : anomaly.occurredAt());
    }

    private void touch(Instant at) {
        version++;
        if (at.isAfter(lastActivity)) {
            lastActivity = at;
        }
    }

    public String experimentId() {
        return experimentId;
    }

    /** Grows with every recorded fact; a cache of anything derived from the ledger keys on it. */
    public long version() {
        return version;
    }

    public Instant lastActivity() {
        return lastActivity;
    }

    /** The id of the newest scores event seen on the scores topic, or null. */
    public String lastPublishedScoresId() {
        return lastScores == null ? null : lastScores.eventId();
    }

    void published(TransferScoresComputed scores) {
        lastScores = scores;
    }

    List<ExperimentAccepted> accepted() {
        return sorted(accepted);
    }

    List<ExperimentPlanned> plans() {
        return sorted(plans);
    }

    List<ExperimentCancelled> cancellations() {
        return sorted(cancellations);
    }

    List<ExperimentCompleted> completions() {
        return sorted(completions);
    }

    List<ExperimentFailed> failures() {
        return sorted(failures);
    }

    List<JobCompleted> jobCompletions() {
        return sorted(jobCompletions);
    }

    List<JobFailed> jobFailures() {
        return sorted(jobFailures);
    }

    List<JobCancelled> jobCancellations() {
        return sorted(jobCancellations);
    }

    List<Anomaly> ingestAnomalies() {
        return List.copyOf(ingestAnomalies);
    }

    /** The epochs of the latest attempt of every job that reported any. */
    Map<String, List<EpochPoint>> curves() {
        Map<String, List<EpochPoint>> curves = new TreeMap<>();
        epochs.forEach((jobId, attempts) -> curves.put(
                jobId,
                attempts.lastEntry().getValue().values().stream()
                        .map(e -> new EpochPoint(e.epoch(), e.epochs(), e.trainLoss(), e.valTop1()))
                        .toList()));
        return curves;
    }

    /** What {@link LedgerSnapshot} keeps of this ledger. */
    LedgerSnapshot snapshot() {
        List<LedgerSnapshot.Fact> facts = new ArrayList<>();
        for (List<? extends TransferLabEvent> events : List.of(
                accepted, plans, cancellations, completions, failures, jobCompletions, jobFailures, jobCancellations)) {
            events.forEach(e -> facts.add(LedgerSnapshot.Fact.of(e)));
        }
        epochs.values()
                .forEach(attempts -> attempts.values()
                        .forEach(byEpoch -> byEpoch.values().forEach(e -> facts.add(LedgerSnapshot.Fact.of(e)))));
        return new LedgerSnapshot(
                experimentId,
                facts,
                List.copyOf(ingestAnomalies),
                lastScores == null ? null : LedgerSnapshot.Fact.of(lastScores));
    }

    private static <T extends TransferLabEvent> List<T> sorted(List<T> events) {
        List<T> copy = new ArrayList<>(events);
        copy.sort(BY_TIME);
        return copy;
    }
}

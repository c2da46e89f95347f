package io.transferlab.analytics.ledger;

import io.transferlab.contracts.events.ExperimentEvent;
import io.transferlab.contracts.events.JobEvent;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.events.TransferScoresComputed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every experiment's ledger, fed one event at a time. Idempotent: an event id seen before changes
 * nothing. Views are derived on demand and cached per ledger version. Thread-safe.
 */
public final class LedgerStore {
    private final AccuracyMetric metric;
    private final Set<String> seenEventIds = new HashSet<>();
    private final Map<String, ExperimentLedger> ledgers = new HashMap<>();
    private final Map<String, LedgerView> views = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    /** Experiments changed since the last snapshot. */
    private final Set<String> unsnapshotted = new LinkedHashSet<>();

    private final List<Anomaly> unattributed = new ArrayList<>();

    public LedgerStore(AccuracyMetric metric) {
        this.metric = metric;
    }

    public AccuracyMetric metric() {
        return metric;
    }

    public synchronized IngestOutcome apply(TransferLabEvent event) {
        String experimentId = experimentIdOf(event);
        if (experimentId == null) {
            return IngestOutcome.IGNORED;
        }
        boolean scores = event instanceof TransferScoresComputed;
        if (!scores && !isKept(event)) {
            return IngestOutcome.IGNORED; // heartbeats and the like: not even their ids are remembered
        }
        if (!seenEventIds.add(event.eventId())) {
            return IngestOutcome.DUPLICATE;
        }
        ledgers.computeIfAbsent(experimentId, ExperimentLedger::new).record(event);
        unsnapshotted.add(experimentId);
        if (scores) {
            return IngestOutcome.IGNORED;
        }
        dirty.add(experimentId);
        return IngestOutcome.APPLIED;
    }

    /**
     * Records a message that could not be read. With an experiment id (found leniently in the body) it
     * becomes an anomaly of that experiment; otherwise it is kept in a short global list.
     */
    public synchronized IngestOutcome malformed(
            String experimentId, String eventId, String eventType, String jobId, String reason, Instant occurredAt) {
        if (eventId != null && !seenEventIds.add(eventId)) {
            return IngestOutcome.DUPLICATE;
        }
        Anomaly anomaly =
                new Anomaly(experimentId, eventId, eventType, jobId, AnomalyKind.MALFORMED, reason, occurredAt);
        if (experimentId == null || experimentId.isBlank()) {
            unattributed.add(anomaly);
            if (unattributed.size() > 1000) {
                unattributed.remove(0);
            }
        } else {
            ledgers.computeIfAbsent(experimentId, ExperimentLedger::new).recordAnomaly(anomaly);
            dirty.add(experimentId);
            unsnapshotted.add(experimentId);
        }
        return IngestOutcome.MALFORMED;
    }

    public synchronized Optional<LedgerView> view(String experimentId) {
        ExperimentLedger ledger = ledgers.get(experimentId);
        if (ledger == null) {
            return Optional.empty();
        }
        LedgerView cached = views.get(experimentId);
        if (cached == null || cached.version() != ledger.version()) {
            cached = LedgerView.derive(ledger, metric);
            views.put(experimentId, cached);
        }
        return Optional.of(cached);
    }

    /** Experiments that know more than a request or a scores event, newest activity first. */
    public synchronized List<String> experimentIds() {
        return ledgers.values().stream()
                .filter(l -> l.version() > 0)
                .sorted(Comparator.comparing(ExperimentLedger::lastActivity)
                        .reversed()
                        .thenComparing(ExperimentLedger::experimentId))
                .map(ExperimentLedger::experimentId)
                .toList();
    }

    /** The experiments changed since the last call, in the order they changed. */
    public synchronized List<String> drainDirty() {
        List<String> changed = new ArrayList<>(dirty);
        dirty.clear();
        return changed;
    }

    public synchronized String lastPublishedScoresId(String experimentId) {
        ExperimentLedger ledger = ledgers.get(experimentId);
        return ledger == null ? null : ledger.lastPublishedScoresId();
    }

    /** Remembers a scores event this process published (before it is read back from the topic). */
    public synchronized void published(TransferScoresComputed scores) {
        seenEventIds.add(scores.eventId());
        ledgers.computeIfAbsent(scores.experimentId(), ExperimentLedger::new).published(scores);
        unsnapshotted.add(scores.experimentId());
    }

    /** Snapshots of the ledgers changed since the last call. */
    public synchronized List<LedgerSnapshot> drainSnapshots() {
        List<LedgerSnapshot> changed = unsnapshotted.stream()
                .map(ledgers::get)
                .map(ExperimentLedger::snapshot)
                .toList();
        unsnapshotted.clear();
        return changed;
    }

    /**
     * Starts from snapshots instead of nothing. The restored experiments count as changed for
     * {@link #drainDirty()} (their scores and metrics are derived again, as after a full replay) but not
     * for {@link #drainSnapshots()}.
     */
    public synchronized void restore(List<LedgerSnapshot> snapshots, List<Anomaly> unattributedAnomalies) {
        for (LedgerSnapshot snapshot : snapshots) {
            ExperimentLedger ledger = ledgers.computeIfAbsent(snapshot.experimentId(), ExperimentLedger::new);
            for (LedgerSnapshot.Fact fact : snapshot.facts()) {
                TransferLabEvent event = fact.event();
                if (seenEventIds.add(event.eventId())) {
                    ledger.record(event);
                }
            }
            snapshot.anomalies().forEach(a -> {
                if (a.eventId() == null || seenEventIds.add(a.eventId())) {
                    ledger.recordAnomaly(a);
                }
            });
            if (snapshot.lastScores() != null) {
                TransferLabEvent scores = snapshot.lastScores().event();
                seenEventIds.add(scores.eventId());
                ledger.record(scores);
            }
            dirty.add(snapshot.experimentId());
        }
        unattributed.addAll(unattributedAnomalies);
    }

    public synchronized List<Anomaly> unattributedAnomalies() {
        return List.copyOf(unattributed);
    }

    private static boolean isKept(TransferLabEvent event) {
        return event instanceof io.transferlab.contracts.events.ExperimentAccepted
                || event instanceof io.transferlab.contracts.events.ExperimentPlanned
                || event instanceof io.transferlab.contracts.events.ExperimentCancelled
                || event instanceof io.transferlab.contracts.events.ExperimentCompleted
                || event instanceof io.transferlab.contracts.events.ExperimentFailed
                || event instanceof io.transferlab.contracts.events.JobCompleted
                || event instanceof io.transferlab.contracts.events.JobFailed
                || event instanceof io.transferlab.contracts.events.JobCancelled
                || event instanceof io.transferlab.contracts.events.EpochCompleted;
    }

    private static String experimentIdOf(TransferLabEvent event) {
        if (event instanceof ExperimentEvent e) {
            return e.experimentId();
        }
        if (event instanceof JobEvent e) {
            return e.experimentId();
        }
        return null;
    }
}

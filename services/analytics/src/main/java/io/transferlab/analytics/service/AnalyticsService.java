package io.transferlab.analytics.service;

import io.transferlab.analytics.config.AnalyticsConfig;
import io.transferlab.analytics.ledger.Anomaly;
import io.transferlab.analytics.ledger.IngestOutcome;
import io.transferlab.analytics.ledger.LedgerSnapshot;
import io.transferlab.analytics.ledger.LedgerStore;
import io.transferlab.analytics.ledger.LedgerView;
import io.transferlab.analytics.ledger.ScoredExperiment;
import io.transferlab.analytics.metrics.AnalyticsMetrics;
import io.transferlab.analytics.report.Report;
import io.transferlab.analytics.report.ReportRenderer;
import io.transferlab.analytics.scoring.ScoringOptions;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.events.TransferScoresComputed;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The analytics state: the ledger of every experiment, the scores and reports derived from it, the
 * per-experiment metrics, and the publication of scores. The consumer feeds events and calls
 * {@link #afterBatch(boolean)}; nothing is derived or published while the topics are still being
 * replayed, so a restart publishes only what actually changed.
 */
@ApplicationScoped
public class AnalyticsService {
    private static final Logger LOG = Logger.getLogger(AnalyticsService.class);

    @Inject
    AnalyticsConfig config;

    @Inject
    AnalyticsMetrics metrics;

    @Inject
    ScoresSink sink;

    private volatile LedgerStore store;
    private ExperimentScorer scorer;
    private final Map<String, ScoredExperiment> snapshots = new ConcurrentHashMap<>();
    private final Map<String, CachedReport> reports = new ConcurrentHashMap<>();
    private final Set<String> countedAnomalies = ConcurrentHashMap.newKeySet();
    private final Set<String> unpublished = new LinkedHashSet<>();

    @PostConstruct
    void init() {
        scorer = new ExperimentScorer(config.scoringOptions());
        reset();
    }

    /** Forgets everything, as a fresh process would; the consumer then replays the topics. */
    public synchronized void reset() {
        store = new LedgerStore(config.accuracyMetric());
        snapshots.clear();
        reports.clear();
        countedAnomalies.clear();
        unpublished.clear();
        metrics.clearExperiments();
    }

    public IngestOutcome ingest(TransferLabEvent event) {
        IngestOutcome outcome = store.apply(event);
        metrics.ingested(outcome);
        return outcome;
    }

    public IngestOutcome malformed(String experimentId, String eventId, String eventType, String jobId, String reason) {
        IngestOutcome outcome = store.malformed(experimentId, eventId, eventType, jobId, reason, Instant.now());
        metrics.ingested(outcome);
        if (outcome == IngestOutcome.MALFORMED && (experimentId == null || experimentId.isBlank())) {
            metrics.anomaly(io.transferlab.analytics.ledger.AnomalyKind.MALFORMED);
        }
        return outcome;
    }

    /**
     * Derives what the last batch of events changed. While {@code caughtUp} is false (replaying the
     * topics after a start) nothing is derived; the first caught-up batch derives everything replayed.
     */
    public synchronized void afterBatch(boolean caughtUp) {
        if (!caughtUp) {
            return;
        }
        Set<String> changed = new LinkedHashSet<>(store.drainDirty());
        changed.addAll(unpublished);
        unpublished.clear();
        List<String> recent = recentExperiments();
        for (String experimentId : changed) {
            MDC.put("experimentId", experimentId);
            try {
                ScoredExperiment snapshot = snapshot(experimentId).orElseThrow();
                countAnomalies(snapshot.view());
                if (recent.contains(experimentId)) {
                    metrics.update(snapshot);
                }
                if (config.publishScores() && !publishIfChanged(snapshot)) {
                    unpublished.add(experimentId);
                }
            } finally {
                MDC.remove("experimentId");
            }
        }
        metrics.retain(recent);
    }

    /** Starts from the state topic's snapshots (after {@link #reset()}, before the consumer reads any event). */
    public void restore(List<LedgerSnapshot> ledgers, List<Anomaly> unattributed) {
        store.restore(ledgers, unattributed);
    }

    /** The ledgers changed since the last call, for the state topic. */
    public List<LedgerSnapshot> drainLedgerSnapshots() {
        return store.drainSnapshots();
    }

    /** The experiments seen, most recently active first. */
    public List<String> experimentIds() {
        return store.experimentIds();
    }

    public List<String> recentExperiments() {
        List<String> ids = store.experimentIds();
        return ids.subList(0, Math.min(ids.size(), config.recentExperiments()));
    }

    public Optional<ScoredExperiment> snapshot(String experimentId) {
        Optional<LedgerView> view = store.view(experimentId);
        if (view.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(snapshots.compute(
                experimentId,
                (id, cached) ->
                        cached != null && cached.view().version() == view.get().version()
                                ? cached
                                : scorer.snapshot(view.get())));
    }

    public ScoredExperiment require(String experimentId) {
        return snapshot(experimentId).orElseThrow(() -> new UnknownExperimentException(experimentId));
    }

    public ScoringOptions scoringOptions() {
        return config.scoringOptions();
    }

    public Report report(String experimentId) {
        ScoredExperiment snapshot = require(experimentId);
        return reports.compute(
                        experimentId,
                        (id, cached) -> cached != null
                                        && cached.version() == snapshot.view().version()
                                ? cached
                                : new CachedReport(snapshot.view().version(), ReportRenderer.render(snapshot)))
                .report();
    }

    public List<Anomaly> unattributedAnomalies() {
        return store.unattributedAnomalies();
    }

    /**
     * The scores event of a snapshot. Its id is a digest of the experiment, the partial flag and the
     * table, so the same scores always carry the same id: consumers deduplicate them, and a restarted
     * service recognises what it already published.
     */
    public static TransferScoresComputed scoresEvent(ScoredExperiment snapshot) {
        String digestInput =
                snapshot.experimentId() + "|" + snapshot.partial() + "|" + EventCodec.toJsonString(snapshot.table());
        String eventId = UUID.nameUUIDFromBytes(digestInput.getBytes(StandardCharsets.UTF_8))
                .toString();
        return new TransferScoresComputed(
                eventId, Instant.now(), 0, snapshot.experimentId(), snapshot.partial(), snapshot.table());
    }

    private boolean publishIfChanged(ScoredExperiment snapshot) {
        LedgerView view = snapshot.view();
        if (view.plan() == null || (view.jobsDone() == 0 && view.partial())) {
            return true;
        }
        TransferScoresComputed event = scoresEvent(snapshot);
        if (event.eventId().equals(store.lastPublishedScoresId(snapshot.experimentId()))) {
            return true;
        }
        if (!sink.publish(event)) {
            return false;
        }
        store.published(event);
        LOG.debugf(
                "published scores %s of %s (partial %s, %d of %d jobs)",
                event.eventId(), event.experimentId(), event.partial(), view.jobsDone(), view.jobsTotal());
        return true;
    }

    private void countAnomalies(LedgerView view) {
        for (Anomaly anomaly : view.anomalies()) {
            String key = view.experimentId() + "/" + anomaly.key();
            if (countedAnomalies.add(key)) {
                metrics.anomaly(anomaly.kind());
                LOG.warnf(
                        "anomaly in experiment %s: %s %s (%s): %s",
                        view.experimentId(),
                        anomaly.eventType(),
                        anomaly.eventId(),
                        anomaly.kind().wireName(),
                        anomaly.reason());
            }
        }
    }

    /** Snapshot ids of the experiments currently known (for tests and health). */
    public List<String> snapshotIds() {
        return new ArrayList<>(snapshots.keySet());
    }

    private record CachedReport(long version, Report report) {}
}

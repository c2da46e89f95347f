package io.transferlab.coordinator.tracking;

import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.model.ExperimentState;
import io.transferlab.contracts.model.JobState;
import io.transferlab.contracts.model.Problem;
import io.transferlab.coordinator.planning.ExperimentPlanner;
import io.transferlab.coordinator.request.RequestReader;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The coordinator's state and decisions, free of Kafka and HTTP, behind one lock: the processing
 * thread feeds it while HTTP threads read it. Each role lives in its own class:
 * <ul>
 * <li>{@link CoordinatorState}: the fold over events (accepted requests, plans, dispatches,
 * trainers' job events, cancellations), deciding nothing;</li>
 * <li>{@link CoordinatorDecisions} with {@link ExperimentReconciler}: what to publish in answer to
 * a request, an event or a tick (dispatch, retry, cancel, finish), applied to the state as it is
 * emitted so that replaying the topics rebuilds the same state;</li>
 * <li>{@link CoordinatorQueries}: the views the API and the metrics read.</li>
 * </ul>
 */
public final class CoordinatorEngine {
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(10);
    private final Clock clock;
    private final CoordinatorState state;
    private final CoordinatorDecisions decisions;
    private final CoordinatorQueries queries;

    public CoordinatorEngine(int maxAttempts, Duration heartbeatTimeout, Clock clock, EngineListener listener) {
        this(maxAttempts, heartbeatTimeout, DEFAULT_START_TIMEOUT, clock, listener);
    }

    /** {@code startTimeout}: how long a dispatched job may wait unstarted while no trainer reports anything. */
    public CoordinatorEngine(
            int maxAttempts, Duration heartbeatTimeout, Duration startTimeout, Clock clock, EngineListener listener) {
        this.clock = clock;
        this.state = new CoordinatorState(maxAttempts, ExperimentPlanner::plan);
        this.decisions = new CoordinatorDecisions(state, heartbeatTimeout, startTimeout, clock, listener);
        this.queries = new CoordinatorQueries(state);
    }

    // ---------------------------------------------------------------- the fold

    /** Applies an event to the state without deciding anything (replay). Idempotent. */
    public synchronized void apply(TransferLabEvent event) {
        state.apply(event, clock.instant());
    }

    /** Starts from snapshots (before any replay): the experiments and the remembered rejections, if any. */
    public synchronized void restore(Collection<ExperimentSnapshot> snapshots, RejectionsSnapshot rejections) {
        state.restore(snapshots, rejections);
    }

    /** What changed since the last call, for the state topic. */
    public synchronized SnapshotChanges drainSnapshotChanges() {
        return new SnapshotChanges(state.drainChangedExperiments(), state.drainChangedRejections());
    }

    /** Experiments changed since the last snapshot, and the rejections when they changed. */
    public record SnapshotChanges(List<ExperimentSnapshot> experiments, Optional<RejectionsSnapshot> rejections) {
        public boolean isEmpty() {
            return experiments.isEmpty() && rejections.isEmpty();
        }
    }

    // ---------------------------------------------------------------- decisions

    /** After replaying history: gives running jobs a fresh heartbeat window and catches up on decisions. */
    public synchronized List<TransferLabEvent> goLive() {
        return decisions.goLive();
    }

    public synchronized boolean isLive() {
        return decisions.isLive();
    }

    /** A request read from the requests topic (or POSTed): accept, ignore as a redelivery, or reject. */
    public synchronized List<TransferLabEvent> onRequest(RequestReader.Outcome outcome, String requestEventId) {
        return decisions.onRequest(outcome, requestEventId);
    }

    /** An event read from the experiment, training-job or job-event topics while live. */
    public synchronized List<TransferLabEvent> onEvent(TransferLabEvent event) {
        return decisions.onEvent(event);
    }

    /** Looks for running jobs that stopped reporting, and re-dispatches or fails them. */
    public synchronized List<TransferLabEvent> onTick() {
        return decisions.onTick();
    }

    /** The problem reported when an experiment id is reused for a different request. */
    public static Problem conflict(String experimentId) {
        return CoordinatorDecisions.conflict(experimentId);
    }

    // ---------------------------------------------------------------- queries

    public synchronized boolean exists(String experimentId) {
        return queries.exists(experimentId);
    }

    public synchronized Optional<String> digestOf(String experimentId) {
        return queries.digestOf(experimentId);
    }

    public synchronized Optional<ExperimentState> stateOf(String experimentId) {
        return queries.stateOf(experimentId);
    }

    public synchronized List<ExperimentSummary> experiments() {
        return queries.experiments();
    }

    public synchronized Optional<ExperimentView> experiment(String experimentId) {
        return queries.experiment(experimentId);
    }

    /** Experiments by state (every state present, zero included). */
    public synchronized Map<ExperimentState, Integer> experimentCounts() {
        return queries.experimentCounts();
    }

    /** Jobs of every tracked experiment by state (every state present, zero included). */
    public synchronized Map<JobState, Integer> jobCounts() {
        return queries.jobCounts();
    }
}

package io.transferlab.coordinator.tracking;

import io.transferlab.contracts.events.ExperimentAccepted;
import io.transferlab.contracts.events.ExperimentEvent;
import io.transferlab.contracts.events.ExperimentRejected;
import io.transferlab.contracts.events.JobCancelled;
import io.transferlab.contracts.events.JobEvent;
import io.transferlab.contracts.events.JobFailed;
import io.transferlab.contracts.events.JobStarted;
import io.transferlab.contracts.events.TrainingJobRequested;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.model.ExperimentState;
import io.transferlab.contracts.model.JobState;
import io.transferlab.contracts.model.Problem;
import io.transferlab.coordinator.request.RequestReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the coordinator does in answer to its input: a request, a state event, the passing of time.
 * Every method returns the events to publish and has already applied them to the state, so
 * replaying the topics rebuilds exactly the state these decisions saw. Single writer; not
 * thread-safe.
 */
final class CoordinatorDecisions {
    private final CoordinatorState state;
    private final ExperimentReconciler reconciler;
    private final Duration heartbeatTimeout;
    private final Duration startTimeout;
    private final Clock clock;
    private final EngineListener listener;
    private boolean live;
    /** Coordinator-clock time of the last event any trainer published about any job. */
    private Instant lastTrainerActivity;

    CoordinatorDecisions(
            CoordinatorState state,
            Duration heartbeatTimeout,
            Duration startTimeout,
            Clock clock,
            EngineListener listener) {
        this.state = state;
        this.reconciler = new ExperimentReconciler(state.maxAttempts(), listener);
        this.heartbeatTimeout = heartbeatTimeout;
        this.startTimeout = startTimeout;
        this.clock = clock;
        this.listener = listener;
    }

    boolean isLive() {
        return live;
    }

    /** After replaying history: gives running jobs a fresh heartbeat window and catches up on decisions. */
    List<TransferLabEvent> goLive() {
        live = true;
        Outbox out = new Outbox(state, clock);
        lastTrainerActivity = out.now();
        List<TrackedExperiment> byPriority = new ArrayList<>(state.experiments());
        byPriority.sort(Comparator.comparingInt((TrackedExperiment e) -> -e.request.priority()));
        for (TrackedExperiment exp : byPriority) {
            exp.jobs.values().forEach(job -> {
                Attempt a = job.current();
                if (a != null) {
                    a.lastSeen = out.now();
                }
            });
            reconciler.reconcile(exp, out);
        }
        return out.events();
    }

    /** A request read from the requests topic (or POSTed): accept, ignore as a redelivery, or reject. */
    List<TransferLabEvent> onRequest(RequestReader.Outcome outcome, String requestEventId) {
        Outbox out = new Outbox(state, clock);
        if (state.wasRejected(requestEventId)) {
            // A redelivered invalid request changes nothing; a valid one under a rejected request's event id
            // is a different request and is told so, never dropped without an answer.
            if (outcome instanceof RequestReader.Valid valid) {
                out.emit(ExperimentRejected.at(
                        out.now(), valid.experimentId(), requestEventId, List.of(reusedEventId(requestEventId))));
            }
            return out.events();
        }
        if (outcome instanceof RequestReader.Invalid invalid) {
            out.emit(ExperimentRejected.at(out.now(), invalid.experimentId(), requestEventId, invalid.problems()));
        } else if (outcome instanceof RequestReader.Valid valid) {
            TrackedExperiment existing = state.experiment(valid.experimentId());
            if (existing == null) {
                out.emit(ExperimentAccepted.at(out.now(), valid.experimentId(), valid.digest(), valid.request()));
                reconciler.reconcile(state.experiment(valid.experimentId()), out);
            } else if (!existing.digest.equals(valid.digest())) {
                out.emit(ExperimentRejected.at(
                        out.now(), valid.experimentId(), requestEventId, List.of(conflict(existing.id))));
            }
        }
        return out.events();
    }

    /** The problem reported when a request reuses the event id of a rejected request. */
    static Problem reusedEventId(String requestEventId) {
        return new Problem(
                "eventId",
                "event id '" + requestEventId + "' was already used by a request that was "
                        + "rejected; send a new request with a new event id (ce_id)");
    }

    /** The problem reported when an experiment id is reused for a different request. */
    static Problem conflict(String experimentId) {
        return new Problem(
                "experimentId",
                "experiment '" + experimentId
                        + "' already exists with a different request (conflict); choose another id");
    }

    /** An event read from the experiment, training-job or job-event topics while live. */
    List<TransferLabEvent> onEvent(TransferLabEvent event) {
        Outbox out = new Outbox(state, clock);
        if (event instanceof JobStarted started && live) {
            TrackedExperiment exp = state.experiment(started.experimentId());
            TrackedJob job = exp == null ? null : exp.jobs.get(started.jobId());
            Attempt a = job == null ? null : job.attempts.get(started.attempt());
            if (a != null && a.dispatchedAt != null && a.startedAt == null) {
                listener.started(Duration.between(a.dispatchedAt, out.now()));
            }
        }
        if (event instanceof JobEvent && !(event instanceof TrainingJobRequested) && !(event instanceof JobCancelled)) {
            lastTrainerActivity = out.now();
        }
        state.apply(event, out.now());
        String experimentId = event instanceof ExperimentEvent e
                ? e.experimentId()
                : event instanceof JobEvent e ? e.experimentId() : null;
        TrackedExperiment exp = experimentId == null ? null : state.experiment(experimentId);
        if (exp != null) {
            reconciler.reconcile(exp, out);
        }
        return out.events();
    }

    /**
     * Looks for running jobs that stopped reporting, and re-dispatches or fails them; and for dispatched
     * jobs that never started although the trainers fell silent (a job lost between topic and trainer),
     * and dispatches them again. A job waiting behind busy trainers is not lost: while any trainer
     * reports, nothing unstarted is re-dispatched, so a long queue costs no attempts.
     */
    List<TransferLabEvent> onTick() {
        Outbox out = new Outbox(state, clock);
        int maxAttempts = state.maxAttempts();
        Instant deadline = out.now().minus(heartbeatTimeout);
        Instant startDeadline = out.now().minus(startTimeout);
        boolean trainersQuiet = lastTrainerActivity != null && lastTrainerActivity.isBefore(startDeadline);
        for (TrackedExperiment exp : List.copyOf(state.experiments())) {
            if (exp.state != ExperimentState.RUNNING) {
                continue;
            }
            boolean changed = false;
            for (TrackedJob job : exp.jobs.values()) {
                Attempt a = job.current();
                if (trainersQuiet && neverStarted(job, a, startDeadline) && a.number < maxAttempts) {
                    changed = true;
                    reconciler.redispatch(exp, job, a.number + 1, out);
                    listener.retried(
                            job.id(),
                            a.number + 1,
                            "not started " + startTimeout.toSeconds()
                                    + "s after its dispatch while no trainer reported (attempt " + a.number + ")");
                    continue;
                }
                if (job.state(maxAttempts) != JobState.RUNNING
                        || a.lastSeen == null
                        || !a.lastSeen.isBefore(deadline)) {
                    continue;
                }
                changed = true;
                String why = "no heartbeat for " + heartbeatTimeout.toSeconds() + "s on attempt " + a.number;
                if (a.number < maxAttempts) {
                    reconciler.redispatch(exp, job, a.number + 1, out);
                    listener.retried(job.id(), a.number + 1, why);
                } else {
                    out.emit(JobFailed.at(
                            out.now(),
                            exp.id,
                            job.id(),
                            a.number,
                            why + ", the last of " + maxAttempts + " attempts",
                            false));
                }
            }
            if (changed) {
                reconciler.reconcile(exp, out);
            }
        }
        return out.events();
    }

    private boolean neverStarted(TrackedJob job, Attempt a, Instant startDeadline) {
        return job.state(state.maxAttempts()) == JobState.DISPATCHED
                && a.lastSeen != null
                && a.lastSeen.isBefore(startDeadline);
    }
}

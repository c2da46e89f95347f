package io.transferlab.coordinator.tracking;

import io.transferlab.contracts.events.CheckpointSaved;
import io.transferlab.contracts.events.EpochCompleted;
import io.transferlab.contracts.events.ExperimentAccepted;
import io.transferlab.contracts.events.ExperimentCancelled;
import io.transferlab.contracts.events.ExperimentCompleted;
import io.transferlab.contracts.events.ExperimentFailed;
import io.transferlab.contracts.events.ExperimentPlanned;
import io.transferlab.contracts.events.ExperimentProgress;
import io.transferlab.contracts.events.ExperimentRejected;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.events.JobCancelled;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobEvent;
import io.transferlab.contracts.events.JobFailed;
import io.transferlab.contracts.events.JobHeartbeat;
import io.transferlab.contracts.events.JobStarted;
import io.transferlab.contracts.events.TrainingJobRequested;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.model.Problem;
import io.transferlab.coordinator.planning.JobPlan;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The coordinator's state as a fold over events, and nothing else: it decides nothing and
 * publishes nothing. Applying the same events again, or the topics' events interleaved in another
 * order, gives the same state. The job graph of an accepted experiment comes from the planner it
 * is given (a pure function of the request), so replay rebuilds the same jobs. Single writer; not
 * thread-safe.
 */
final class CoordinatorState {
    private static final int REMEMBERED_REJECTIONS = 1000;

    /** A rejected request that never became an experiment, kept for GET /experiments/{id}. */
    record Rejection(List<Problem> problems, Instant at) {
    }

    private final int maxAttempts;
    private final Function<ExperimentRequested, List<JobPlan>> planner;
    private final Map<String, TrackedExperiment> experiments = new LinkedHashMap<>();
    private final Map<String, Rejection> rejections = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Rejection> eldest) {
            return size() > REMEMBERED_REJECTIONS;
        }
    };
    private final Set<String> rejectedRequestEvents = new HashSet<>();

    CoordinatorState(int maxAttempts, Function<ExperimentRequested, List<JobPlan>> planner) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max-attempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.planner = planner;
    }

    int maxAttempts() {
        return maxAttempts;
    }

    TrackedExperiment experiment(String id) {
        return experiments.get(id);
    }

    Collection<TrackedExperiment> experiments() {
        return experiments.values();
    }

    Rejection rejection(String experimentId) {
        return rejections.get(experimentId);
    }

    int rejectionCount() {
        return rejections.size();
    }

    /** True when a request event was already answered with a rejection (a redelivery changes nothing). */
    boolean wasRejected(String requestEventId) {
        return rejectedRequestEvents.contains(requestEventId);
    }

    /**
     * Applies an event. {@code receivedAt} is the coordinator's clock when the event arrived: a
     * trainer's sign of life counts from then, not from the trainer's clock.
     */
    void apply(TransferLabEvent event, Instant receivedAt) {
        if (event instanceof ExperimentAccepted e) {
            accept(e);
        } else if (event instanceof ExperimentRejected e) {
            if (e.requestEventId() != null) {
                rejectedRequestEvents.add(e.requestEventId());
            }
            if (!experiments.containsKey(e.experimentId())) {
                rejections.put(e.experimentId(), new Rejection(e.problems(), e.occurredAt()));
            }
        } else if (event instanceof ExperimentPlanned e) {
            withExperiment(e.experimentId(), exp -> exp.planPublished = true);
        } else if (event instanceof ExperimentProgress e) {
            withExperiment(e.experimentId(), exp -> exp.lastPublishedCounts = e.counts());
        } else if (event instanceof ExperimentCompleted e) {
            finish(e.experimentId(), ExperimentState.COMPLETED, null, e.occurredAt());
        } else if (event instanceof ExperimentFailed e) {
            finish(e.experimentId(), ExperimentState.FAILED, e.reason(), e.occurredAt());
        } else if (event instanceof ExperimentCancelled e) {
            finish(e.experimentId(), ExperimentState.CANCELLED, e.reason(), e.occurredAt());
        } else if (event instanceof JobEvent e) {
            applyJobEvent(e, receivedAt);
        }
        // Requests are answered by decisions; scores and dead letters are not the coordinator's state.
    }

    private void accept(ExperimentAccepted e) {
        if (experiments.containsKey(e.experimentId())) {
            return;
        }
        TrackedExperiment exp = new TrackedExperiment(e.experimentId(), e.request(), e.requestDigest(),
                e.occurredAt());
        for (JobPlan plan : planner.apply(e.request())) {
            exp.jobs.put(plan.jobId(), new TrackedJob(plan));
        }
        experiments.put(exp.id, exp);
        rejections.remove(exp.id);
    }

    private void applyJobEvent(JobEvent event, Instant seen) {
        TrackedExperiment exp = experiments.get(event.experimentId());
        TrackedJob job = exp == null ? null : exp.jobs.get(event.jobId());
        if (job == null) {
            return;
        }
        if (event instanceof JobCancelled c) {
            cancel(job, c);
            return;
        }
        Attempt a = job.attempt(event.attempt());
        if (event instanceof TrainingJobRequested r) {
            // Topics interleave on replay: a dispatch may be applied after its attempt's outcome.
            if (a.dispatchedAt == null) {
                a.dispatchedAt = r.occurredAt();
                a.spec = r.spec();
                a.lastSeen = a.lastSeen == null ? seen : a.lastSeen;
            }
            return;
        }
        if (a.result != null || a.failed) {
            return; // a finished attempt stays finished; duplicates change nothing
        }
        if (event instanceof JobStarted s) {
            if (a.startedAt == null) {
                a.startedAt = s.occurredAt();
            }
            a.trainerId = s.trainerId();
            a.lastSeen = seen;
        } else if (event instanceof JobHeartbeat h) {
            a.lastHeartbeatAt = h.occurredAt();
            a.trainerId = h.trainerId();
            a.epoch = Math.max(a.epoch, h.epoch());
            a.progress = Math.max(a.progress, h.progress());
            a.lastSeen = seen;
        } else if (event instanceof EpochCompleted ep) {
            a.epoch = Math.max(a.epoch, ep.epoch());
            a.progress = Math.max(a.progress, (double) ep.epoch() / ep.epochs());
            a.lastSeen = seen;
        } else if (event instanceof CheckpointSaved) {
            a.lastSeen = seen;
        } else if (event instanceof JobCompleted done) {
            a.result = done.result();
            a.finishedAt = done.occurredAt();
            a.progress = 1.0;
        } else if (event instanceof JobFailed f) {
            a.failed = true;
            a.failure = f.reason();
            a.retryable = f.retryable() && !f.diverged(); // the same settings diverge again
            a.finishedAt = f.occurredAt();
        }
    }

    private void cancel(TrackedJob job, JobCancelled c) {
        JobState state = job.state(maxAttempts);
        // A trainer stopping an attempt that was already replaced cancels nothing.
        if (!job.cancelled && c.attempt() >= job.attempt() && state != JobState.SUCCEEDED
                && state != JobState.FAILED) {
            job.cancelled = true;
            job.cancelReason = c.reason();
            job.cancelledAt = c.occurredAt();
        }
    }

    private void withExperiment(String id, Consumer<TrackedExperiment> change) {
        TrackedExperiment exp = experiments.get(id);
        if (exp != null) {
            change.accept(exp);
        }
    }

    private void finish(String id, ExperimentState state, String reason, Instant at) {
        withExperiment(id, exp -> {
            if (exp.state == ExperimentState.RUNNING) {
                exp.state = state;
                exp.reason = reason;
                exp.finishedAt = at;
            }
        });
    }
}

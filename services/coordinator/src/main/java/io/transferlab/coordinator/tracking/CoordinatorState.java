package io.transferlab.coordinator.tracking;

import io.transferlab.contracts.events.ExperimentAccepted;
import io.transferlab.contracts.events.ExperimentCancelled;
import io.transferlab.contracts.events.ExperimentCompleted;
import io.transferlab.contracts.events.ExperimentFailed;
import io.transferlab.contracts.events.ExperimentPlanned;
import io.transferlab.contracts.events.ExperimentProgress;
import io.transferlab.contracts.events.ExperimentRejected;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.events.JobEvent;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.model.ExperimentState;
import io.transferlab.contracts.model.Problem;
import io.transferlab.coordinator.planning.JobPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    /** Request event ids answered with a rejection: a redelivery within this many is ignored. */
    private static final int REMEMBERED_REJECTED_REQUESTS = 10_000;

    /** A rejected request that never became an experiment, kept for GET /experiments/{id}. */
    record Rejection(List<Problem> problems, Instant at) {}

    private final int maxAttempts;
    private final Function<ExperimentRequested, List<JobPlan>> planner;
    private final Map<String, TrackedExperiment> experiments = new LinkedHashMap<>();
    private final Map<String, Rejection> rejections = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Rejection> eldest) {
            return size() > REMEMBERED_REJECTIONS;
        }
    };
    private final Set<String> rejectedRequestEvents = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_REJECTED_REQUESTS;
        }
    });
    /** Experiments changed since the last snapshot. */
    private final Set<String> unsnapshotted = new LinkedHashSet<>();

    private boolean rejectionsChanged;

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
            rejectionsChanged = true;
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
        TrackedExperiment exp = planned(e.experimentId(), e.request(), e.requestDigest(), e.occurredAt());
        experiments.put(exp.id, exp);
        unsnapshotted.add(exp.id);
        rejectionsChanged |= rejections.remove(exp.id) != null;
    }

    private TrackedExperiment planned(String id, ExperimentRequested request, String digest, Instant acceptedAt) {
        TrackedExperiment exp = new TrackedExperiment(id, request, digest, acceptedAt);
        for (JobPlan plan : planner.apply(request)) {
            exp.jobs.put(plan.jobId(), new TrackedJob(plan));
        }
        return exp;
    }

    private void applyJobEvent(JobEvent event, Instant seen) {
        TrackedExperiment exp = experiments.get(event.experimentId());
        TrackedJob job = exp == null ? null : exp.jobs.get(event.jobId());
        if (job != null) {
            job.apply(event, seen, maxAttempts);
            unsnapshotted.add(exp.id);
        }
    }

    // ---------------------------------------------------------------- snapshots

    /** Snapshots of the experiments changed since the last call. */
    List<ExperimentSnapshot> drainChangedExperiments() {
        List<ExperimentSnapshot> changed = unsnapshotted.stream()
                .map(experiments::get)
                .map(ExperimentSnapshot::of)
                .toList();
        unsnapshotted.clear();
        return changed;
    }

    /** The remembered rejections when they changed since the last call, else empty. */
    Optional<RejectionsSnapshot> drainChangedRejections() {
        if (!rejectionsChanged) {
            return Optional.empty();
        }
        rejectionsChanged = false;
        List<RejectionsSnapshot.Rejected> rejected = new ArrayList<>();
        rejections.forEach((id, r) -> rejected.add(new RejectionsSnapshot.Rejected(id, r.problems(), r.at())));
        return Optional.of(new RejectionsSnapshot(rejected, List.copyOf(rejectedRequestEvents)));
    }

    /** Starts from snapshots instead of an empty state; what they hold counts as already snapshotted. */
    void restore(Collection<ExperimentSnapshot> snapshots, RejectionsSnapshot rejected) {
        for (ExperimentSnapshot snapshot : snapshots) {
            TrackedExperiment exp =
                    planned(snapshot.experimentId(), snapshot.request(), snapshot.digest(), snapshot.acceptedAt());
            snapshot.restoreInto(exp);
            experiments.put(exp.id, exp);
        }
        if (rejected != null) {
            rejected.rejections().forEach(r -> rejections.put(r.experimentId(), new Rejection(r.problems(), r.at())));
            rejectedRequestEvents.addAll(rejected.requestEventIds());
        }
    }

    private void withExperiment(String id, Consumer<TrackedExperiment> change) {
        TrackedExperiment exp = experiments.get(id);
        if (exp != null) {
            change.accept(exp);
            unsnapshotted.add(id);
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

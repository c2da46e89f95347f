package io.transferlab.coordinator.tracking;

import io.transferlab.contracts.events.CheckpointSaved;
import io.transferlab.contracts.events.EpochCompleted;
import io.transferlab.contracts.events.ExperimentAccepted;
import io.transferlab.contracts.events.ExperimentCancelled;
import io.transferlab.contracts.events.ExperimentCompleted;
import io.transferlab.contracts.events.ExperimentEvent;
import io.transferlab.contracts.events.ExperimentFailed;
import io.transferlab.contracts.events.ExperimentPlanned;
import io.transferlab.contracts.events.ExperimentProgress;
import io.transferlab.contracts.events.ExperimentRejected;
import io.transferlab.contracts.events.JobCancelled;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobEvent;
import io.transferlab.contracts.events.JobFailed;
import io.transferlab.contracts.events.JobHeartbeat;
import io.transferlab.contracts.events.JobStarted;
import io.transferlab.contracts.events.TrainingJobRequested;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.CheckpointRef;
import io.transferlab.contracts.model.JobCounts;
import io.transferlab.contracts.model.JobResult;
import io.transferlab.contracts.model.JobSpec;
import io.transferlab.contracts.model.PlannedJob;
import io.transferlab.contracts.model.Problem;
import io.transferlab.coordinator.planning.ExperimentPlanner;
import io.transferlab.coordinator.planning.JobPlan;
import io.transferlab.coordinator.request.RequestReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The coordinator's state and decisions, free of Kafka and HTTP.
 * <p>
 * State is a fold over events ({@link #apply}): accepted requests, plans, dispatches, trainers' job
 * events, cancellations. Decisions are events too: every method that decides returns the events to
 * publish and has already applied them, so replaying the topics rebuilds exactly this state.
 * Decisions are level-triggered ({@code reconcile}): from the state alone the engine works out what
 * is missing (a plan not yet published, a job whose dependencies are met but that was never
 * dispatched, a failed job's dependants not yet cancelled, a finished experiment not yet announced)
 * so a restart at any point resumes without repeating what was done. Not thread-safe by itself:
 * every method is synchronized.
 */
public final class CoordinatorEngine {
    private static final int REMEMBERED_REJECTIONS = 1000;

    private final int maxAttempts;
    private final Duration heartbeatTimeout;
    private final Clock clock;
    private final EngineListener listener;
    private final Map<String, TrackedExperiment> experiments = new LinkedHashMap<>();
    private final Map<String, Rejection> rejections = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Rejection> eldest) {
            return size() > REMEMBERED_REJECTIONS;
        }
    };
    private final Set<String> rejectedRequestEvents = new HashSet<>();
    private boolean live;

    private record Rejection(List<Problem> problems, Instant at) {
    }

    public CoordinatorEngine(int maxAttempts, Duration heartbeatTimeout, Clock clock, EngineListener listener) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max-attempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.heartbeatTimeout = heartbeatTimeout;
        this.clock = clock;
        this.listener = listener;
    }

    // ---------------------------------------------------------------- decisions

    /** After replaying history: gives running jobs a fresh heartbeat window and catches up on decisions. */
    public synchronized List<TransferLabEvent> goLive() {
        live = true;
        Instant now = clock.instant();
        List<TransferLabEvent> out = new ArrayList<>();
        List<TrackedExperiment> byPriority = new ArrayList<>(experiments.values());
        byPriority.sort(Comparator.comparingInt((TrackedExperiment e) -> -e.request.priority()));
        for (TrackedExperiment exp : byPriority) {
            exp.jobs.values().forEach(job -> {
                Attempt a = job.current();
                if (a != null) {
                    a.lastSeen = now;
                }
            });
            reconcile(exp, out);
        }
        return out;
    }

    public synchronized boolean isLive() {
        return live;
    }

    /** A request read from the requests topic (or POSTed): accept, ignore as a redelivery, or reject. */
    public synchronized List<TransferLabEvent> onRequest(RequestReader.Outcome outcome, String requestEventId) {
        List<TransferLabEvent> out = new ArrayList<>();
        if (rejectedRequestEvents.contains(requestEventId)) {
            return out;
        }
        if (outcome instanceof RequestReader.Invalid invalid) {
            emit(out, new ExperimentRejected(null, now(), 0, invalid.experimentId(), requestEventId,
                    invalid.problems()));
        } else if (outcome instanceof RequestReader.Valid valid) {
            TrackedExperiment existing = experiments.get(valid.experimentId());
            if (existing == null) {
                emit(out, new ExperimentAccepted(null, now(), 0, valid.experimentId(), valid.digest(),
                        valid.request()));
                reconcile(experiments.get(valid.experimentId()), out);
            } else if (!existing.digest.equals(valid.digest())) {
                emit(out, new ExperimentRejected(null, now(), 0, valid.experimentId(), requestEventId,
                        List.of(conflict(existing))));
            }
        }
        return out;
    }

    /** The problem reported when an experiment id is reused for a different request. */
    public static Problem conflict(String experimentId) {
        return new Problem("experimentId", "experiment '" + experimentId
                + "' already exists with a different request (conflict); choose another id");
    }

    private static Problem conflict(TrackedExperiment existing) {
        return conflict(existing.id);
    }

    /** An event read from the experiment, training-job or job-event topics while live. */
    public synchronized List<TransferLabEvent> onEvent(TransferLabEvent event) {
        List<TransferLabEvent> out = new ArrayList<>();
        if (event instanceof JobStarted started && live) {
            TrackedExperiment exp = experiments.get(started.experimentId());
            TrackedJob job = exp == null ? null : exp.jobs.get(started.jobId());
            Attempt a = job == null ? null : job.attempts.get(started.attempt());
            if (a != null && a.dispatchedAt != null && a.startedAt == null) {
                listener.started(Duration.between(a.dispatchedAt, now()));
            }
        }
        apply(event);
        if (event instanceof ExperimentEvent e && experiments.containsKey(e.experimentId())) {
            reconcile(experiments.get(e.experimentId()), out);
        } else if (event instanceof JobEvent e && experiments.containsKey(e.experimentId())) {
            reconcile(experiments.get(e.experimentId()), out);
        }
        return out;
    }

    /** Looks for running jobs that stopped reporting, and re-dispatches or fails them. */
    public synchronized List<TransferLabEvent> onTick() {
        List<TransferLabEvent> out = new ArrayList<>();
        Instant deadline = now().minus(heartbeatTimeout);
        for (TrackedExperiment exp : List.copyOf(experiments.values())) {
            if (exp.state != ExperimentState.RUNNING) {
                continue;
            }
            boolean changed = false;
            for (TrackedJob job : exp.jobs.values()) {
                Attempt a = job.current();
                if (job.state(maxAttempts) != JobState.RUNNING || a.lastSeen == null
                        || !a.lastSeen.isBefore(deadline)) {
                    continue;
                }
                changed = true;
                String why = "no heartbeat for " + heartbeatTimeout.toSeconds() + "s on attempt " + a.number;
                if (a.number < maxAttempts) {
                    dispatch(exp, job, a.number + 1, out);
                    listener.retried(job.id(), a.number + 1, why);
                } else {
                    emit(out, new JobFailed(null, now(), 0, exp.id, job.id(), a.number,
                            why + ", the last of " + maxAttempts + " attempts", false));
                }
            }
            if (changed) {
                reconcile(exp, out);
            }
        }
        return out;
    }

    private void reconcile(TrackedExperiment exp, List<TransferLabEvent> out) {
        if (!exp.planPublished) {
            emit(out, new ExperimentPlanned(null, now(), 0, exp.id,
                    exp.jobs.values().stream().map(j -> j.plan.node()).toList()));
        }
        if (exp.state == ExperimentState.CANCELLED) {
            for (TrackedJob job : exp.jobs.values()) {
                if (!job.state(maxAttempts).terminal()) {
                    emit(out, new JobCancelled(null, now(), 0, exp.id, job.id(), Math.max(1, job.attempt()),
                            "experiment cancelled: " + exp.reason));
                }
            }
            publishProgress(exp, out);
            return;
        }
        if (exp.state != ExperimentState.RUNNING) {
            return;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (TrackedJob job : exp.jobs.values()) {
                JobState state = job.state(maxAttempts);
                if (state == JobState.RETRYING) {
                    Attempt a = job.current();
                    dispatch(exp, job, a.number + 1, out);
                    listener.retried(job.id(), a.number + 1, "attempt " + a.number + " failed: " + a.failure);
                    changed = true;
                } else if (state == JobState.PENDING) {
                    changed |= dispatchIfReady(exp, job, out);
                }
            }
        }
        publishProgress(exp, out);
        JobCounts counts = counts(exp);
        if (counts.terminal() == counts.total()) {
            Optional<TrackedJob> failedBase = exp.jobs.values().stream()
                    .filter(j -> j.plan.node().arm() == Arm.BASE && j.state(maxAttempts) == JobState.FAILED)
                    .findFirst();
            if (failedBase.isPresent()) {
                emit(out, new ExperimentFailed(null, now(), 0, exp.id, "base job " + failedBase.get().id()
                        + " failed: " + failedBase.get().current().failure, counts));
            } else if (counts.succeeded() == 0) {
                emit(out, new ExperimentFailed(null, now(), 0, exp.id, "no job succeeded", counts));
            } else {
                emit(out, new ExperimentCompleted(null, now(), 0, exp.id, counts,
                        Duration.between(exp.acceptedAt, now()).toMillis()));
            }
        }
    }

    private boolean dispatchIfReady(TrackedExperiment exp, TrackedJob job, List<TransferLabEvent> out) {
        List<CheckpointRef> inputs = new ArrayList<>();
        for (String depId : job.plan.node().dependsOn()) {
            TrackedJob dep = exp.jobs.get(depId);
            JobState depState = dep.state(maxAttempts);
            if (depState == JobState.FAILED || depState == JobState.CANCELLED) {
                emit(out, new JobCancelled(null, now(), 0, exp.id, job.id(), 1, "dependency " + depId
                        + (depState == JobState.FAILED ? " failed: " + dep.current().failure : " was cancelled")));
                return true;
            }
            if (depState != JobState.SUCCEEDED) {
                return false;
            }
            JobResult result = dep.current().result;
            if (result.checkpointUri() == null || result.checkpointSha256() == null) {
                emit(out, new JobCancelled(null, now(), 0, exp.id, job.id(), 1,
                        "dependency " + depId + " completed without a checkpoint"));
                return true;
            }
            inputs.add(new CheckpointRef(depId, result.checkpointUri(), result.checkpointSha256()));
        }
        JobSpec t = job.plan.spec();
        JobSpec spec = new JobSpec(t.kind(), t.arm(), t.n(), t.sourceHalf(), t.targetHalf(), t.seed(), t.dataset(),
                t.split(), t.architecture(), t.training(), inputs);
        emit(out, new TrainingJobRequested(null, now(), 0, exp.id, job.id(), 1, spec));
        return true;
    }

    private void dispatch(TrackedExperiment exp, TrackedJob job, int attempt, List<TransferLabEvent> out) {
        // A re-dispatch reuses the inputs of the first one: dependencies never change once succeeded.
        JobSpec spec = job.attempts.values().stream()
                .map(a -> a.spec).filter(s -> s != null).findFirst().orElse(job.plan.spec());
        emit(out, new TrainingJobRequested(null, now(), 0, exp.id, job.id(), attempt, spec));
    }

    private void publishProgress(TrackedExperiment exp, List<TransferLabEvent> out) {
        JobCounts counts = counts(exp);
        if (!counts.equals(exp.lastPublishedCounts)) {
            emit(out, new ExperimentProgress(null, now(), 0, exp.id, counts));
        }
    }

    private void emit(List<TransferLabEvent> out, TransferLabEvent event) {
        apply(event);
        out.add(event);
    }

    // ---------------------------------------------------------------- the fold

    /** Applies an event to the state without deciding anything (replay). Idempotent. */
    public synchronized void apply(TransferLabEvent event) {
        if (event instanceof ExperimentAccepted e) {
            if (!experiments.containsKey(e.experimentId())) {
                TrackedExperiment exp = new TrackedExperiment(e.experimentId(), e.request(), e.requestDigest(),
                        e.occurredAt());
                for (JobPlan plan : ExperimentPlanner.plan(e.request())) {
                    exp.jobs.put(plan.jobId(), new TrackedJob(plan));
                }
                experiments.put(exp.id, exp);
                rejections.remove(exp.id);
            }
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
            applyJobEvent(e);
        }
        // Requests go through onRequest; scores and dead letters are not the coordinator's state.
    }

    private void applyJobEvent(JobEvent event) {
        TrackedExperiment exp = experiments.get(event.experimentId());
        TrackedJob job = exp == null ? null : exp.jobs.get(event.jobId());
        if (job == null) {
            return;
        }
        if (event instanceof JobCancelled c) {
            JobState state = job.state(maxAttempts);
            // A trainer stopping an attempt that was already replaced cancels nothing.
            if (!job.cancelled && c.attempt() >= job.attempt() && state != JobState.SUCCEEDED
                    && state != JobState.FAILED) {
                job.cancelled = true;
                job.cancelReason = c.reason();
                job.cancelledAt = c.occurredAt();
            }
            return;
        }
        Attempt a = job.attempt(event.attempt());
        Instant seen = now();
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
            a.retryable = f.retryable();
            a.finishedAt = f.occurredAt();
        }
    }

    private void withExperiment(String id, java.util.function.Consumer<TrackedExperiment> change) {
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

    // ---------------------------------------------------------------- queries

    public synchronized boolean exists(String experimentId) {
        return experiments.containsKey(experimentId);
    }

    public synchronized Optional<String> digestOf(String experimentId) {
        return Optional.ofNullable(experiments.get(experimentId)).map(e -> e.digest);
    }

    public synchronized Optional<ExperimentState> stateOf(String experimentId) {
        TrackedExperiment exp = experiments.get(experimentId);
        if (exp != null) {
            return Optional.of(exp.state);
        }
        return rejections.containsKey(experimentId) ? Optional.of(ExperimentState.REJECTED) : Optional.empty();
    }

    public synchronized List<ExperimentSummary> experiments() {
        return experiments.values().stream().map(this::summary).toList();
    }

    public synchronized Optional<ExperimentView> experiment(String experimentId) {
        TrackedExperiment exp = experiments.get(experimentId);
        if (exp != null) {
            List<JobView> jobs = exp.jobs.values().stream().map(this::view).toList();
            return Optional.of(new ExperimentView(summary(exp), exp.digest, exp.request, jobs, List.of()));
        }
        Rejection r = rejections.get(experimentId);
        if (r == null) {
            return Optional.empty();
        }
        ExperimentSummary summary = new ExperimentSummary(experimentId, ExperimentState.REJECTED, null, 0, Map.of(),
                r.at(), r.at(), "rejected", new JobCounts(0, 0, 0, 0, 0, 0, 0), 0.0);
        return Optional.of(new ExperimentView(summary, null, null, List.of(), r.problems()));
    }

    /** Experiments by state (every state present, zero included). */
    public synchronized Map<ExperimentState, Integer> experimentCounts() {
        Map<ExperimentState, Integer> counts = new EnumMap<>(ExperimentState.class);
        for (ExperimentState s : ExperimentState.values()) {
            counts.put(s, 0);
        }
        experiments.values().forEach(e -> counts.merge(e.state, 1, Integer::sum));
        counts.put(ExperimentState.REJECTED, rejections.size());
        return counts;
    }

    /** Jobs of every tracked experiment by state (every state present, zero included). */
    public synchronized Map<JobState, Integer> jobCounts() {
        Map<JobState, Integer> counts = new EnumMap<>(JobState.class);
        for (JobState s : JobState.values()) {
            counts.put(s, 0);
        }
        experiments.values().forEach(e -> e.jobs.values().forEach(j -> counts.merge(j.state(maxAttempts), 1,
                Integer::sum)));
        return counts;
    }

    private ExperimentSummary summary(TrackedExperiment exp) {
        JobCounts counts = counts(exp);
        double done = 0;
        for (TrackedJob job : exp.jobs.values()) {
            JobState s = job.state(maxAttempts);
            done += s.terminal() ? 1.0 : s == JobState.RUNNING ? job.current().progress : 0.0;
        }
        return new ExperimentSummary(exp.id, exp.state, exp.request.dataset().name(), exp.request.priority(),
                exp.request.tags(), exp.acceptedAt, exp.finishedAt, exp.reason, counts,
                counts.total() == 0 ? 1.0 : done / counts.total());
    }

    private JobView view(TrackedJob job) {
        PlannedJob node = job.plan.node();
        Attempt a = job.current();
        JobState state = job.state(maxAttempts);
        String reason = job.cancelled ? job.cancelReason : a != null ? a.failure : null;
        JobResult r = a == null ? null : a.result;
        return new JobView(node.jobId(), node.kind(), node.arm(), node.n(), node.sourceHalf(), node.targetHalf(),
                node.seed(), node.dependsOn(), state, job.attempt(),
                a == null ? null : a.dispatchedAt, a == null ? null : a.startedAt,
                job.cancelled ? job.cancelledAt : a == null ? null : a.finishedAt,
                a == null ? null : a.lastHeartbeatAt, a == null ? null : a.trainerId,
                a == null ? null : a.epoch, a == null ? null : a.progress, reason,
                r == null ? null : r.checkpointUri(), r == null ? null : r.summaryTop1(),
                r == null ? null : r.testTop1(), r == null ? null : r.totalMillis());
    }

    private JobCounts counts(TrackedExperiment exp) {
        int pending = 0, dispatched = 0, running = 0, succeeded = 0, failed = 0, cancelled = 0;
        for (TrackedJob job : exp.jobs.values()) {
            switch (job.state(maxAttempts)) {
                case PENDING, RETRYING -> pending++;
                case DISPATCHED -> dispatched++;
                case RUNNING -> running++;
                case SUCCEEDED -> succeeded++;
                case FAILED -> failed++;
                case CANCELLED -> cancelled++;
                default -> throw new IllegalStateException();
            }
        }
        return new JobCounts(exp.jobs.size(), pending, dispatched, running, succeeded, failed, cancelled);
    }

    private Instant now() {
        return clock.instant();
    }
}

package io.transferlab.coordinator.tracking;

import io.transferlab.contracts.model.ExperimentState;
import io.transferlab.contracts.model.JobCounts;
import io.transferlab.contracts.model.JobResult;
import io.transferlab.contracts.model.JobState;
import io.transferlab.contracts.model.PlannedJob;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read-only views of the state, as the REST API and the metrics show them. */
final class CoordinatorQueries {
    private final CoordinatorState state;

    CoordinatorQueries(CoordinatorState state) {
        this.state = state;
    }

    boolean exists(String experimentId) {
        return state.experiment(experimentId) != null;
    }

    Optional<String> digestOf(String experimentId) {
        return Optional.ofNullable(state.experiment(experimentId)).map(e -> e.digest);
    }

    Optional<ExperimentState> stateOf(String experimentId) {
        TrackedExperiment exp = state.experiment(experimentId);
        if (exp != null) {
            return Optional.of(exp.state);
        }
        return state.rejection(experimentId) != null ? Optional.of(ExperimentState.REJECTED) : Optional.empty();
    }

    /**
     * Oldest accepted first (ties by id): the same order live and after a restart, which rebuilds the state from
     * snapshots in the order the state topic returns them.
     */
    List<ExperimentSummary> experiments() {
        return state.experiments().stream()
                .map(this::summary)
                .sorted(Comparator.comparing(
                                ExperimentSummary::acceptedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(ExperimentSummary::experimentId))
                .toList();
    }

    Optional<ExperimentView> experiment(String experimentId) {
        TrackedExperiment exp = state.experiment(experimentId);
        if (exp != null) {
            List<JobView> jobs = exp.jobs.values().stream().map(this::view).toList();
            return Optional.of(new ExperimentView(summary(exp), exp.digest, exp.request, jobs, List.of()));
        }
        CoordinatorState.Rejection r = state.rejection(experimentId);
        if (r == null) {
            return Optional.empty();
        }
        ExperimentSummary summary = new ExperimentSummary(
                experimentId,
                ExperimentState.REJECTED,
                null,
                0,
                Map.of(),
                r.at(),
                r.at(),
                "rejected",
                new JobCounts(0, 0, 0, 0, 0, 0, 0),
                0.0);
        return Optional.of(new ExperimentView(summary, null, null, List.of(), r.problems()));
    }

    /** Experiments by state (every state present, zero included). */
    Map<ExperimentState, Integer> experimentCounts() {
        Map<ExperimentState, Integer> counts = new EnumMap<>(ExperimentState.class);
        for (ExperimentState s : ExperimentState.values()) {
            counts.put(s, 0);
        }
        state.experiments().forEach(e -> counts.merge(e.state, 1, Integer::sum));
        counts.put(ExperimentState.REJECTED, state.rejectionCount());
        return counts;
    }

    /** Jobs of every tracked experiment by state (every state present, zero included). */
    Map<JobState, Integer> jobCounts() {
        Map<JobState, Integer> counts = new EnumMap<>(JobState.class);
        for (JobState s : JobState.values()) {
            counts.put(s, 0);
        }
        state.experiments()
                .forEach(e ->
                        e.jobs.values().forEach(j -> counts.merge(j.state(state.maxAttempts()), 1, Integer::sum)));
        return counts;
    }

    private ExperimentSummary summary(TrackedExperiment exp) {
        JobCounts counts = exp.counts(state.maxAttempts());
        double done = 0;
        for (TrackedJob job : exp.jobs.values()) {
            JobState s = job.state(state.maxAttempts());
            done += s.terminal() ? 1.0 : s == JobState.RUNNING ? job.current().progress : 0.0;
        }
        return new ExperimentSummary(
                exp.id,
                exp.state,
                exp.request.dataset().name(),
                exp.request.priority(),
                exp.request.tags(),
                exp.acceptedAt,
                exp.finishedAt,
                exp.reason,
                counts,
                counts.total() == 0 ? 1.0 : done / counts.total());
    }

    private JobView view(TrackedJob job) {
        PlannedJob node = job.plan.node();
        Attempt a = job.current();
        JobState jobState = job.state(state.maxAttempts());
        String reason = job.cancelled ? job.cancelReason : a != null ? a.failure : null;
        JobResult r = a == null ? null : a.result;
        return new JobView(
                node.jobId(),
                node.kind(),
                node.arm(),
                node.n(),
                node.sourceHalf(),
                node.targetHalf(),
                node.seed(),
                node.dependsOn(),
                jobState,
                job.attempt(),
                a == null ? null : a.dispatchedAt,
                a == null ? null : a.startedAt,
                job.cancelled ? job.cancelledAt : a == null ? null : a.finishedAt,
                a == null ? null : a.lastHeartbeatAt,
                a == null ? null : a.trainerId,
                a == null ? null : a.epoch,
                a == null ? null : a.progress,
                reason,
                r == null ? null : r.checkpointUri(),
                r == null ? null : r.summaryTop1(),
                r == null ? null : r.testTop1(),
                r == null ? null : r.totalMillis());
    }
}

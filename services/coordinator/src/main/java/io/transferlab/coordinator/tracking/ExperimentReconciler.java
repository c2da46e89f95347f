package io.transferlab.coordinator.tracking;

import io.transferlab.contracts.events.ExperimentCompleted;
import io.transferlab.contracts.events.ExperimentFailed;
import io.transferlab.contracts.events.ExperimentPlanned;
import io.transferlab.contracts.events.ExperimentProgress;
import io.transferlab.contracts.events.JobCancelled;
import io.transferlab.contracts.events.TrainingJobRequested;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.CheckpointRef;
import io.transferlab.contracts.model.ExperimentState;
import io.transferlab.contracts.model.JobCounts;
import io.transferlab.contracts.model.JobResult;
import io.transferlab.contracts.model.JobSpec;
import io.transferlab.contracts.model.JobState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Works out, from one experiment's state alone, what is missing and emits it: the plan not yet
 * published, jobs whose dependencies are met but that were never dispatched, retries that are
 * due, dependants of a failed job not yet cancelled, progress not yet announced, the experiment's
 * end. Level-triggered, so a restart at any point resumes without repeating what was done.
 */
final class ExperimentReconciler {
    private final int maxAttempts;
    private final EngineListener listener;

    ExperimentReconciler(int maxAttempts, EngineListener listener) {
        this.maxAttempts = maxAttempts;
        this.listener = listener;
    }

    void reconcile(TrackedExperiment exp, Outbox out) {
        if (!exp.planPublished) {
            out.emit(ExperimentPlanned.at(
                    out.now(),
                    exp.id,
                    exp.jobs.values().stream().map(j -> j.plan.node()).toList()));
        }
        if (exp.state == ExperimentState.CANCELLED) {
            for (TrackedJob job : exp.jobs.values()) {
                if (!job.state(maxAttempts).terminal()) {
                    out.emit(JobCancelled.at(
                            out.now(),
                            exp.id,
                            job.id(),
                            Math.max(1, job.attempt()),
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
                    redispatch(exp, job, a.number + 1, out);
                    listener.retried(job.id(), a.number + 1, "attempt " + a.number + " failed: " + a.failure);
                    changed = true;
                } else if (state == JobState.PENDING) {
                    changed |= dispatchIfReady(exp, job, out);
                }
            }
        }
        publishProgress(exp, out);
        finishIfDone(exp, out);
    }

    /** Dispatches another attempt of a job; it reuses the inputs of the first one, which never change. */
    void redispatch(TrackedExperiment exp, TrackedJob job, int attempt, Outbox out) {
        JobSpec spec = job.attempts.values().stream()
                .map(a -> a.spec)
                .filter(s -> s != null)
                .findFirst()
                .orElse(job.plan.spec());
        out.emit(TrainingJobRequested.at(out.now(), exp.id, job.id(), attempt, spec));
    }

    private boolean dispatchIfReady(TrackedExperiment exp, TrackedJob job, Outbox out) {
        List<CheckpointRef> inputs = new ArrayList<>();
        for (String depId : job.plan.node().dependsOn()) {
            TrackedJob dep = exp.jobs.get(depId);
            JobState depState = dep.state(maxAttempts);
            if (depState == JobState.FAILED || depState == JobState.CANCELLED) {
                out.emit(JobCancelled.at(
                        out.now(),
                        exp.id,
                        job.id(),
                        1,
                        "dependency " + depId
                                + (depState == JobState.FAILED
                                        ? " failed: " + dep.current().failure
                                        : " was cancelled")));
                return true;
            }
            if (depState != JobState.SUCCEEDED) {
                return false;
            }
            JobResult result = dep.current().result;
            if (result.checkpointUri() == null || result.checkpointSha256() == null) {
                out.emit(JobCancelled.at(
                        out.now(), exp.id, job.id(), 1, "dependency " + depId + " completed without a checkpoint"));
                return true;
            }
            inputs.add(new CheckpointRef(depId, result.checkpointUri(), result.checkpointSha256()));
        }
        JobSpec t = job.plan.spec();
        JobSpec spec = new JobSpec(
                t.kind(),
                t.arm(),
                t.n(),
                t.sourceHalf(),
                t.targetHalf(),
                t.seed(),
                t.dataset(),
                t.split(),
                t.architecture(),
                t.training(),
                inputs);
        out.emit(TrainingJobRequested.at(out.now(), exp.id, job.id(), 1, spec));
        return true;
    }

    private void publishProgress(TrackedExperiment exp, Outbox out) {
        JobCounts counts = exp.counts(maxAttempts);
        if (!counts.equals(exp.lastPublishedCounts)) {
            out.emit(ExperimentProgress.at(out.now(), exp.id, counts));
        }
    }

    private void finishIfDone(TrackedExperiment exp, Outbox out) {
        JobCounts counts = exp.counts(maxAttempts);
        if (counts.terminal() != counts.total()) {
            return;
        }
        Optional<TrackedJob> failedBase = exp.jobs.values().stream()
                .filter(j -> j.plan.node().arm() == Arm.BASE && j.state(maxAttempts) == JobState.FAILED)
                .findFirst();
        if (failedBase.isPresent()) {
            out.emit(ExperimentFailed.at(
                    out.now(),
                    exp.id,
                    "base job " + failedBase.get().id() + " failed: "
                            + failedBase.get().current().failure,
                    counts));
        } else if (counts.succeeded() == 0) {
            out.emit(ExperimentFailed.at(out.now(), exp.id, "no job succeeded", counts));
        } else {
            out.emit(ExperimentCompleted.at(
                    out.now(),
                    exp.id,
                    counts,
                    Duration.between(exp.acceptedAt, out.now()).toMillis()));
        }
    }
}

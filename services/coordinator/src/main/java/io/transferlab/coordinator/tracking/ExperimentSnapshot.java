package io.transferlab.coordinator.tracking;

import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.model.ExperimentState;
import io.transferlab.contracts.model.JobCounts;
import io.transferlab.contracts.model.JobResult;
import io.transferlab.contracts.model.JobSpec;
import java.time.Instant;
import java.util.List;

/**
 * One tracked experiment as the state topic keeps it: what the fold knows, without the job graph (the
 * planner derives it again from the request) and without coordinator-clock times (a restart gives every
 * running job a fresh heartbeat window anyway).
 */
public record ExperimentSnapshot(
        String experimentId,
        ExperimentRequested request,
        String digest,
        Instant acceptedAt,
        boolean planPublished,
        ExperimentState state,
        String reason,
        Instant finishedAt,
        JobCounts lastPublishedCounts,
        List<Job> jobs) {

    /** A job that was dispatched or cancelled at least once; jobs never touched are left out. */
    public record Job(
            String jobId, boolean cancelled, String cancelReason, Instant cancelledAt, List<AttemptFacts> attempts) {}

    /** What is known about one attempt. */
    public record AttemptFacts(
            int number,
            Instant dispatchedAt,
            Instant startedAt,
            Instant finishedAt,
            Instant lastHeartbeatAt,
            String trainerId,
            int epoch,
            double progress,
            JobResult result,
            String failure,
            boolean retryable,
            boolean failed,
            JobSpec spec) {}

    static ExperimentSnapshot of(TrackedExperiment exp) {
        List<Job> jobs = exp.jobs.values().stream()
                .filter(j -> j.cancelled || !j.attempts.isEmpty())
                .map(j -> new Job(
                        j.id(),
                        j.cancelled,
                        j.cancelReason,
                        j.cancelledAt,
                        j.attempts.values().stream()
                                .map(ExperimentSnapshot::facts)
                                .toList()))
                .toList();
        return new ExperimentSnapshot(
                exp.id,
                exp.request,
                exp.digest,
                exp.acceptedAt,
                exp.planPublished,
                exp.state,
                exp.reason,
                exp.finishedAt,
                exp.lastPublishedCounts,
                jobs);
    }

    private static AttemptFacts facts(Attempt a) {
        return new AttemptFacts(
                a.number,
                a.dispatchedAt,
                a.startedAt,
                a.finishedAt,
                a.lastHeartbeatAt,
                a.trainerId,
                a.epoch,
                a.progress,
                a.result,
                a.failure,
                a.retryable,
                a.failed,
                a.spec);
    }

    /** Copies the snapshot's facts into an experiment whose jobs were planned from the same request. */
    void restoreInto(TrackedExperiment exp) {
        exp.planPublished = planPublished;
        exp.state = state;
        exp.reason = reason;
        exp.finishedAt = finishedAt;
        exp.lastPublishedCounts = lastPublishedCounts;
        for (Job job : jobs) {
            TrackedJob tracked = exp.jobs.get(job.jobId());
            if (tracked == null) {
                continue; // planned differently by this version; replay would ignore its events too
            }
            tracked.cancelled = job.cancelled();
            tracked.cancelReason = job.cancelReason();
            tracked.cancelledAt = job.cancelledAt();
            for (AttemptFacts f : job.attempts()) {
                Attempt a = tracked.attempt(f.number());
                a.dispatchedAt = f.dispatchedAt();
                a.startedAt = f.startedAt();
                a.finishedAt = f.finishedAt();
                a.lastHeartbeatAt = f.lastHeartbeatAt();
                a.trainerId = f.trainerId();
                a.epoch = f.epoch();
                a.progress = f.progress();
                a.result = f.result();
                a.failure = f.failure();
                a.retryable = f.retryable();
                a.failed = f.failed();
                a.spec = f.spec();
            }
        }
    }
}

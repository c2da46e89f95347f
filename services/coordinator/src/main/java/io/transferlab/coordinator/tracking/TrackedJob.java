package io.transferlab.coordinator.tracking;

import io.transferlab.contracts.events.CheckpointSaved;
import io.transferlab.contracts.events.EpochCompleted;
import io.transferlab.contracts.events.JobCancelled;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobEvent;
import io.transferlab.contracts.events.JobFailed;
import io.transferlab.contracts.events.JobHeartbeat;
import io.transferlab.contracts.events.JobStarted;
import io.transferlab.contracts.events.TrainingJobRequested;
import io.transferlab.contracts.model.JobState;
import io.transferlab.coordinator.planning.JobPlan;
import java.time.Instant;
import java.util.TreeMap;

/**
 * A planned job and every attempt seen. Its state is a function of the highest attempt and that
 * attempt's facts, so applying the same events in any order across topics gives the same state, and
 * events of older attempts change nothing.
 */
final class TrackedJob {
    final JobPlan plan;
    final TreeMap<Integer, Attempt> attempts = new TreeMap<>();
    boolean cancelled;
    String cancelReason;
    Instant cancelledAt;

    TrackedJob(JobPlan plan) {
        this.plan = plan;
    }

    String id() {
        return plan.jobId();
    }

    int attempt() {
        return attempts.isEmpty() ? 0 : attempts.lastKey();
    }

    Attempt current() {
        return attempts.isEmpty() ? null : attempts.lastEntry().getValue();
    }

    Attempt attempt(int number) {
        return attempts.computeIfAbsent(number, Attempt::new);
    }

    JobState state(int maxAttempts) {
        if (cancelled) {
            return JobState.CANCELLED;
        }
        Attempt a = current();
        if (a == null) {
            return JobState.PENDING;
        }
        if (a.result != null) {
            return JobState.SUCCEEDED;
        }
        if (a.failed) {
            return a.retryable && a.number < maxAttempts ? JobState.RETRYING : JobState.FAILED;
        }
        if (a.heardFromTrainer()) {
            return JobState.RUNNING;
        }
        return JobState.DISPATCHED;
    }

    /**
     * Applies one of this job's events. {@code seen} is the coordinator's clock when it arrived. Events of
     * a finished attempt and duplicates change nothing.
     */
    void apply(JobEvent event, Instant seen, int maxAttempts) {
        if (event instanceof JobCancelled c) {
            cancel(c, maxAttempts);
            return;
        }
        Attempt a = attempt(event.attempt());
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

    private void cancel(JobCancelled c, int maxAttempts) {
        JobState state = state(maxAttempts);
        // A trainer stopping an attempt that was already replaced cancels nothing.
        if (!cancelled && c.attempt() >= attempt() && state != JobState.SUCCEEDED && state != JobState.FAILED) {
            cancelled = true;
            cancelReason = c.reason();
            cancelledAt = c.occurredAt();
        }
    }
}

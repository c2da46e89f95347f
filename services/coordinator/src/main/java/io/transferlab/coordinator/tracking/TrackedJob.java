package io.transferlab.coordinator.tracking;

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
}

package io.transferlab.coordinator.tracking;

import io.transferlab.contracts.model.JobResult;
import java.time.Instant;

/** What is known about one attempt of a job. Mutable; owned by the engine's single writer. */
final class Attempt {
    final int number;
    Instant dispatchedAt;
    Instant startedAt;
    Instant finishedAt;
    /** Coordinator-clock time of the last sign of life, for the heartbeat timeout. */
    Instant lastSeen;

    Instant lastHeartbeatAt;
    String trainerId;
    int epoch;
    double progress;
    JobResult result;
    String failure;
    boolean retryable;
    boolean failed;
    io.transferlab.contracts.model.JobSpec spec;

    Attempt(int number) {
        this.number = number;
    }

    boolean heardFromTrainer() {
        return startedAt != null || lastHeartbeatAt != null || epoch > 0;
    }
}

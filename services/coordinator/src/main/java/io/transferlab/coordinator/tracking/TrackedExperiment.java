package io.transferlab.coordinator.tracking;

import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.model.ExperimentState;
import io.transferlab.contracts.model.JobCounts;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An accepted experiment: its request, its job graph in dispatch order, and its lifecycle. */
final class TrackedExperiment {
    final String id;
    final ExperimentRequested request;
    final String digest;
    final Instant acceptedAt;
    final Map<String, TrackedJob> jobs = new LinkedHashMap<>();
    boolean planPublished;
    ExperimentState state = ExperimentState.RUNNING;
    String reason;
    Instant finishedAt;
    JobCounts lastPublishedCounts;

    TrackedExperiment(String id, ExperimentRequested request, String digest, Instant acceptedAt) {
        this.id = id;
        this.request = request;
        this.digest = digest;
        this.acceptedAt = acceptedAt;
    }

    /** Its jobs by state; a job due for another attempt counts as pending. */
    JobCounts counts(int maxAttempts) {
        int pending = 0, dispatched = 0, running = 0, succeeded = 0, failed = 0, cancelled = 0;
        for (TrackedJob job : jobs.values()) {
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
        return new JobCounts(jobs.size(), pending, dispatched, running, succeeded, failed, cancelled);
    }
}

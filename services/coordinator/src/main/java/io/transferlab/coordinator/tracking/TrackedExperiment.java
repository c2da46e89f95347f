package io.transferlab.coordinator.tracking;

import io.transferlab.contracts.events.ExperimentRequested;
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
}

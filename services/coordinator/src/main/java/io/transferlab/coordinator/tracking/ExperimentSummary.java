package io.transferlab.coordinator.tracking;

import io.transferlab.contracts.model.ExperimentState;
import io.transferlab.contracts.model.JobCounts;
import java.time.Instant;
import java.util.Map;

/** One experiment as GET /experiments lists it. {@code progress} is the finished share of its work. */
public record ExperimentSummary(
        String experimentId,
        ExperimentState state,
        String dataset,
        int priority,
        Map<String, String> tags,
        Instant acceptedAt,
        Instant finishedAt,
        String reason,
        JobCounts counts,
        double progress) {}

package io.transferlab.analytics.api;

import java.time.Instant;

/** One line of {@code GET /experiments}. */
public record ExperimentSummary(String experimentId, String status, boolean partial, int jobsDone, int jobsRemaining,
        int jobsTotal, int anomalies, String dataset, Instant lastActivity) {
}

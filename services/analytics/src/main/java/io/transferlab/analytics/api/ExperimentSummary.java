package io.transferlab.analytics.api;

import java.time.Instant;

/** One line of {@code GET /experiments}; {@code jobsDiverged} jobs failed with non-finite numbers and are never scored. */
public record ExperimentSummary(String experimentId, String status, boolean partial, int jobsDone, int jobsRemaining,
        int jobsTotal, int jobsDiverged, int anomalies, String dataset, Instant lastActivity) {
}

package io.transferlab.analytics.api;

import io.transferlab.contracts.model.ExperimentState;
import java.time.Instant;

/** One line of {@code GET /experiments}; {@code jobsDiverged} jobs failed with non-finite numbers and are never scored. */
public record ScoringSummary(
        String experimentId,
        ExperimentState status,
        boolean partial,
        int jobsDone,
        int jobsRemaining,
        int jobsTotal,
        int jobsDiverged,
        int anomalies,
        String dataset,
        Instant lastActivity) {}

package io.transferlab.analytics.api;

import io.transferlab.analytics.ledger.DivergedJob;
import io.transferlab.analytics.scoring.TransitionTest;
import io.transferlab.analytics.scoring.UnpairedEffect;
import io.transferlab.contracts.model.ExperimentState;
import io.transferlab.contracts.model.ScoreTable;
import java.util.List;

/**
 * {@code GET /experiments/{id}/scores}: the same {@link ScoreTable} as the scores event (fractions, like
 * every accuracy on the wire; the generality index is a ratio) with what is needed to read it, including
 * the jobs that diverged (never scored, so missing from every mean).
 */
public record ScoresResponse(
        String experimentId,
        ExperimentState status,
        boolean partial,
        String accuracyMetric,
        String units,
        ScoreTable scores,
        List<UnpairedEffect> unpaired,
        List<TransitionTest> transitionTests,
        List<DivergedJob> diverged,
        int anomalies,
        long metricFallbacks) {}

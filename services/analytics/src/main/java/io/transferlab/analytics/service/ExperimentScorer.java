package io.transferlab.analytics.service;

import io.transferlab.analytics.ledger.LedgerView;
import io.transferlab.analytics.ledger.ScoredExperiment;
import io.transferlab.analytics.scoring.ScoreCalculator;
import io.transferlab.analytics.scoring.Scores;
import io.transferlab.analytics.scoring.ScoringOptions;

/** Scores an experiment's view: the networks that count, the CKA diagonal and the job counts. */
public final class ExperimentScorer {
    private final ScoreCalculator calculator;

    public ExperimentScorer(ScoringOptions options) {
        this.calculator = new ScoreCalculator(options);
    }

    public ScoredExperiment snapshot(LedgerView view) {
        Scores scores = calculator.score(view.networks(), view.studiedTargets());
        return new ScoredExperiment(
                view,
                scores,
                scores.toTable(view.ckaDiagonal(), view.jobsDone(), view.jobsTotal(), view.accuracyMetric()));
    }
}

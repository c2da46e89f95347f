package io.transferlab.analytics.service;

import io.transferlab.analytics.ledger.ExperimentView;
import io.transferlab.analytics.scoring.Scores;
import io.transferlab.contracts.model.ScoreTable;

/** An experiment's view with the scores computed from it (accuracies and effects as fractions). */
public record ExperimentSnapshot(ExperimentView view, Scores scores, ScoreTable table) {
    public String experimentId() {
        return view.experimentId();
    }

    public boolean partial() {
        return view.partial();
    }
}

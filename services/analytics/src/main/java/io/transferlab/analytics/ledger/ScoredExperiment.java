package io.transferlab.analytics.ledger;

import io.transferlab.analytics.scoring.Scores;
import io.transferlab.contracts.model.ScoreTable;

/** An experiment's view with the scores computed from it (accuracies and effects as fractions). */
public record ScoredExperiment(LedgerView view, Scores scores, ScoreTable table) {
    public String experimentId() {
        return view.experimentId();
    }

    public boolean partial() {
        return view.partial();
    }
}

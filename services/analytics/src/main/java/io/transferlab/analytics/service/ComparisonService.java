package io.transferlab.analytics.service;

import io.transferlab.analytics.ledger.LedgerView;
import io.transferlab.analytics.scoring.ContrastCalculator;
import io.transferlab.analytics.scoring.Effect;
import io.transferlab.analytics.scoring.ExperimentContrast;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Several experiments in one study view: one effect of each treatment experiment against the same
 * reference experiment, per direction, pooled and per layer cut.
 */
@ApplicationScoped
public class ComparisonService {
    @Inject
    AnalyticsService analytics;

    public Comparison compare(Effect effect, String referenceId, List<String> treatmentIds) {
        ContrastCalculator calculator = new ContrastCalculator(analytics.scoringOptions());
        ContrastCalculator.Networks reference =
                networks(analytics.require(referenceId).view());
        List<Comparison.Against> against = treatmentIds.stream()
                .map(id -> new Comparison.Against(
                        id,
                        calculator.compare(
                                effect,
                                reference,
                                networks(analytics.require(id).view()))))
                .toList();
        return new Comparison(effect, referenceId, against);
    }

    private static ContrastCalculator.Networks networks(LedgerView view) {
        return new ContrastCalculator.Networks(view.networks(), view.studiedTargets());
    }

    /** The rows of each treatment experiment against the reference. */
    public record Comparison(Effect effect, String referenceId, List<Against> treatments) {
        public record Against(String experimentId, List<ExperimentContrast> rows) {}
    }
}

package io.transferlab.analytics.api;

import io.transferlab.analytics.scoring.ExperimentContrast;
import io.transferlab.analytics.service.ComparisonService.Comparison;
import java.util.List;

/**
 * {@code GET /comparisons}: for each treatment experiment, per direction (or pooled) and layer cut, the
 * effect in the reference, in the treatment, and treatment minus reference. Fractions, like every
 * accuracy on the wire ({@code units}); the generality index is a ratio.
 */
public record ComparisonResponse(String effect, String units, String referenceId, List<Treatment> treatments) {
    /** One treatment experiment's rows. */
    public record Treatment(String experimentId, List<ExperimentContrast> rows) {}

    static ComparisonResponse of(Comparison comparison) {
        String units = comparison.effect().ratio() ? "ratio" : "fraction";
        return new ComparisonResponse(
                comparison.effect().wireName(),
                units,
                comparison.referenceId(),
                comparison.treatments().stream()
                        .map(t -> new Treatment(t.experimentId(), t.rows()))
                        .toList());
    }
}

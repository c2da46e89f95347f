package io.transferlab.trainer.engine;

import io.transferlab.contracts.model.CkaResult;
import io.transferlab.contracts.model.FilterBank;
import java.nio.file.Path;

/**
 * The result of a job. For TRAIN jobs the accuracies, the final checkpoint and (base jobs) the first-layer
 * filters; for CKA jobs {@code cka} and zeros/nulls elsewhere.
 *
 * @param summaryTop1 the summary accuracy under the rule {@code summaryMetric} names (docs/SCORING.md)
 * @param summaryMetric {@code TrainingSettings.TEST_TOP1} or {@code TrainingSettings.BEST10_LAST_HALF}; null for CKA
 */
public record JobOutcome(double testTop1, Double testTop5, double summaryTop1, double finalValTop1, int epochs,
        Path finalCheckpoint, FilterBank firstLayerFilters, CkaResult cka, long trainMillis, String summaryMetric) {
}

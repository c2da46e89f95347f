package io.transferlab.trainer.engine;

import io.transferlab.contracts.model.CkaResult;
import io.transferlab.contracts.model.FilterBank;
import java.nio.file.Path;

/**
 * The result of a job. For TRAIN jobs the accuracies, the final checkpoint and (base jobs) the first-layer
 * filters; for CKA jobs {@code cka} and zeros/nulls elsewhere.
 *
 * @param summaryTop1 the paper's metric: mean of the best 10 periodic validation top-1 accuracies (or of all)
 */
public record JobOutcome(double testTop1, Double testTop5, double summaryTop1, double finalValTop1, int epochs,
        Path finalCheckpoint, FilterBank firstLayerFilters, CkaResult cka, long trainMillis) {
}

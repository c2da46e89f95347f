package io.transferlab.trainer.engine;

import io.transferlab.contracts.model.CkaResult;
import io.transferlab.contracts.model.FilterBank;
import java.nio.file.Path;

/**
 * The result of a job. For TRAIN jobs the accuracies, the final checkpoint and (base jobs) the first-layer
 * filters; for CKA jobs {@code cka} and zeros/nulls elsewhere.
 *
 * @param summaryTop1 the summary accuracy under the rule {@code summaryMetric} names (docs/SCORING.md)
 * @param trainMillis the engine's whole run: data, network, training, evaluation, checkpoint files
 * @param summaryMetric {@code TrainingSettings.TEST_TOP1} or {@code TrainingSettings.BEST10_LAST_HALF}; null for CKA
 * @param stepMillis the part of {@code trainMillis} in mini-batch training steps
 * @param evalMillis the part of it in inference passes (validation, test, CKA activations and CKA)
 * @param lastHalfGain the convergence check ({@code TrainingState.lastHalfGain()}); null for CKA or too few validations
 */
public record JobOutcome(
        double testTop1,
        Double testTop5,
        double summaryTop1,
        double finalValTop1,
        int epochs,
        Path finalCheckpoint,
        FilterBank firstLayerFilters,
        CkaResult cka,
        long trainMillis,
        String summaryMetric,
        long stepMillis,
        long evalMillis,
        Double lastHalfGain) {}

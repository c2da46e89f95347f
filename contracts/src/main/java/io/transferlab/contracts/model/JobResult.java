package io.transferlab.contracts.model;

/**
 * Final numbers of a finished job. Accuracies are fractions in [0, 1]. {@code summaryTop1} is the job's
 * summary accuracy under the rule named by {@code summaryMetric} ({@code TrainingSettings.TEST_TOP1} or
 * {@code TrainingSettings.BEST10_LAST_HALF}; absent from producers that predate the field, whose rule was
 * the mean of the 10 best periodic validations or of all if fewer). Every score output should name it.
 * {@code firstLayerFilters} is set for base networks, {@code cka} for CKA jobs. {@code stepMillis} (mini-batch
 * training steps) and {@code evalMillis} (inference passes: validation, test, CKA) are this attempt's compute
 * time; {@code totalMillis} minus their sum is the job's overhead. Both are null from trainers that predate them.
 * {@code lastHalfGain} is the convergence check: how much the validation top-1 rose within the last half of
 * training (mean of the last quarter of the periodic validations minus the mean of the quarter before it); near 0
 * means the network reached a plateau. Null with fewer than 4 validations.
 */
public record JobResult(
        Double testTop1,
        Double testTop5,
        Double summaryTop1,
        Double finalValTop1,
        int epochs,
        String checkpointUri,
        String checkpointSha256,
        long trainMillis,
        long totalMillis,
        FilterBank firstLayerFilters,
        CkaResult cka,
        String summaryMetric,
        Long stepMillis,
        Long evalMillis,
        Double lastHalfGain) {
    public JobResult {
        checkFraction("testTop1", testTop1);
        checkFraction("testTop5", testTop5);
        checkFraction("summaryTop1", summaryTop1);
        checkFraction("finalValTop1", finalValTop1);
        checkNonNegative("stepMillis", stepMillis);
        checkNonNegative("evalMillis", evalMillis);
        if (lastHalfGain != null && !(lastHalfGain >= -1.0 && lastHalfGain <= 1.0)) {
            throw new IllegalArgumentException("lastHalfGain must be in [-1, 1], got " + lastHalfGain);
        }
    }

    /** A result without the convergence check. */
    public JobResult(
            Double testTop1,
            Double testTop5,
            Double summaryTop1,
            Double finalValTop1,
            int epochs,
            String checkpointUri,
            String checkpointSha256,
            long trainMillis,
            long totalMillis,
            FilterBank firstLayerFilters,
            CkaResult cka,
            String summaryMetric,
            Long stepMillis,
            Long evalMillis) {
        this(
                testTop1,
                testTop5,
                summaryTop1,
                finalValTop1,
                epochs,
                checkpointUri,
                checkpointSha256,
                trainMillis,
                totalMillis,
                firstLayerFilters,
                cka,
                summaryMetric,
                stepMillis,
                evalMillis,
                null);
    }

    /** A result without the compute-time split. */
    public JobResult(
            Double testTop1,
            Double testTop5,
            Double summaryTop1,
            Double finalValTop1,
            int epochs,
            String checkpointUri,
            String checkpointSha256,
            long trainMillis,
            long totalMillis,
            FilterBank firstLayerFilters,
            CkaResult cka,
            String summaryMetric) {
        this(
                testTop1,
                testTop5,
                summaryTop1,
                finalValTop1,
                epochs,
                checkpointUri,
                checkpointSha256,
                trainMillis,
                totalMillis,
                firstLayerFilters,
                cka,
                summaryMetric,
                null,
                null);
    }

    private static void checkNonNegative(String name, Long value) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }

    /** A result without a summary metric name (as producers that predate the field send it). */
    public JobResult(
            Double testTop1,
            Double testTop5,
            Double summaryTop1,
            Double finalValTop1,
            int epochs,
            String checkpointUri,
            String checkpointSha256,
            long trainMillis,
            long totalMillis,
            FilterBank firstLayerFilters,
            CkaResult cka) {
        this(
                testTop1,
                testTop5,
                summaryTop1,
                finalValTop1,
                epochs,
                checkpointUri,
                checkpointSha256,
                trainMillis,
                totalMillis,
                firstLayerFilters,
                cka,
                null);
    }

    /** True when the convergence check says the network reached a plateau: it gained less than {@code maxGain}. */
    public boolean plateaued(double maxGain) {
        return lastHalfGain != null && lastHalfGain < maxGain;
    }

    private static void checkFraction(String name, Double value) {
        if (value != null && !(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }
}

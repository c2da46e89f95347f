package io.transferlab.contracts.model;

/**
 * Final numbers of a finished job. Accuracies are fractions in [0, 1]. {@code summaryTop1} is the
 * paper's metric: the mean of the 10 best periodic validation top-1 accuracies (or of all, if fewer).
 * {@code firstLayerFilters} is set for base networks, {@code cka} for CKA jobs.
 */
public record JobResult(Double testTop1, Double testTop5, Double summaryTop1, Double finalValTop1, int epochs,
        String checkpointUri, String checkpointSha256, long trainMillis, long totalMillis,
        FilterBank firstLayerFilters, CkaResult cka) {
    public JobResult {
        checkFraction("testTop1", testTop1);
        checkFraction("testTop5", testTop5);
        checkFraction("summaryTop1", summaryTop1);
        checkFraction("finalValTop1", finalValTop1);
    }

    private static void checkFraction(String name, Double value) {
        if (value != null && !(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }
}

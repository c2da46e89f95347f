package io.transferlab.analytics.scoring;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down adjustment of m p-values: the i-th smallest becomes max over j <= i of
 * min(1, (m - j + 1) * p_(j)). Rejecting where the adjusted value is below alpha keeps the family-wise
 * error rate at alpha under any dependence between the tests, and rejects at least what Bonferroni
 * rejects. NaN p-values (untestable) pass through as NaN and do not count in m.
 */
public final class HolmCorrection {
    private HolmCorrection() {}

    public static double[] adjust(double[] pValues) {
        double[] adjusted = new double[pValues.length];
        Arrays.fill(adjusted, Double.NaN);
        Integer[] order = IntStream.range(0, pValues.length)
                .filter(i -> !Double.isNaN(pValues[i]))
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> pValues[i]).thenComparingInt(i -> i))
                .toArray(Integer[]::new);
        int m = order.length;
        double running = 0.0;
        for (int rank = 0; rank < m; rank++) {
            int i = order[rank];
            running = Math.max(running, Math.min(1.0, (m - rank) * pValues[i]));
            adjusted[i] = running;
        }
        return adjusted;
    }
}

package io.transferlab.trainer.engine.training;

import io.transferlab.trainer.engine.EpochStats;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a run stands between epochs; saved in every checkpoint. The shuffling and dropout RNGs are reseeded
 * from (seed, epoch) at the start of each epoch, so this plus the seed is the whole random state.
 *
 * @param validationHistory every periodic validation top-1 so far (feeds the paper's summary metric)
 */
public record TrainingState(
        int epochsCompleted, long iteration, List<Double> validationHistory, List<EpochStats> epochHistory) {
    public TrainingState {
        validationHistory = List.copyOf(validationHistory);
        epochHistory = List.copyOf(epochHistory);
    }

    public static TrainingState fresh() {
        return new TrainingState(0, 0, List.of(), List.of());
    }

    TrainingState next(long newIteration, List<Double> newValidations, EpochStats stats) {
        List<Double> v = new ArrayList<>(validationHistory);
        v.addAll(newValidations);
        List<EpochStats> e = new ArrayList<>(epochHistory);
        e.add(stats);
        return new TrainingState(epochsCompleted + 1, newIteration, v, e);
    }

    /** The paper's metric: mean of the best 10 periodic validation top-1 accuracies, or of all if fewer. */
    public double summaryTop1() {
        return summary(validationHistory, 10);
    }

    /**
     * The paper's rule made honest for short runs: the mean of the best 10 among the last half of the periodic
     * validations (the last ceil(V/2) of V), so that early-training validations never enter the average.
     */
    public double best10OfLastHalf() {
        return summary(lastHalf(validationHistory), 10);
    }

    /**
     * The convergence check: mean of the last quarter of the validations minus the mean of the quarter before it
     * (how much the smoothed validation curve still rose within the last half of training: is it flat at the
     * end?), or null with fewer than 4 validations. Near 0 (or negative) means a plateau. Both quarters lie in the
     * second half, so a learning-rate step at the middle of training (the study's schedule) is not mistaken for a
     * curve still rising.
     */
    public Double lastHalfGain() {
        int v = validationHistory.size();
        if (v < 4) {
            return null;
        }
        int q = v / 4;
        double late = mean(validationHistory.subList(v - q, v));
        double before = mean(validationHistory.subList(v - 2 * q, v - q));
        return late - before;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static List<Double> lastHalf(List<Double> history) {
        return history.subList(history.size() / 2, history.size());
    }

    static double summary(List<Double> history, int best) {
        if (history.isEmpty()) {
            return Double.NaN;
        }
        return history.stream()
                .sorted((a, b) -> Double.compare(b, a))
                .limit(best)
                .mapToDouble(Double::doubleValue)
                .average()
                .orElse(Double.NaN);
    }
}

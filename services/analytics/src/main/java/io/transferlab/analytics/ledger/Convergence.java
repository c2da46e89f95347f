package io.transferlab.analytics.ledger;

import java.util.Comparator;
import java.util.List;

/**
 * Whether a network's learning curve has flattened, from its reported epochs: the last quarter of the
 * epochs against the quarter before it. {@code valGain} is the change of the mean validation top-1
 * (fraction), {@code lossChange} the relative change of the mean training loss. A plateau is a gain under
 * one point and a loss that fell by less than 10%; with fewer than 4 epochs the curve is too short to
 * tell. A heuristic shown next to every network, so that an effect measured on networks still rising is
 * visible as such; it decides nothing in the scores.
 */
public record Convergence(String verdict, Double valGain, Double lossChange) {
    public static final String PLATEAU = "plateau";
    public static final String RISING = "rising";
    public static final String TOO_SHORT = "too-short";
    public static final String NO_CURVE = "no-curve";
    static final int MIN_EPOCHS = 4;
    static final double MAX_GAIN = 0.01;
    static final double MAX_LOSS_DROP = 0.10;

    public static Convergence of(List<EpochPoint> curve) {
        if (curve == null || curve.isEmpty()) {
            return new Convergence(NO_CURVE, null, null);
        }
        List<EpochPoint> points = curve.stream()
                .sorted(Comparator.comparingInt(EpochPoint::epoch))
                .toList();
        if (points.size() < MIN_EPOCHS) {
            return new Convergence(TOO_SHORT, null, null);
        }
        int quarter = points.size() / 4;
        List<EpochPoint> last = points.subList(points.size() - quarter, points.size());
        List<EpochPoint> before = points.subList(points.size() - 2 * quarter, points.size() - quarter);
        double gain = mean(last, true) - mean(before, true);
        double lossBefore = mean(before, false);
        double lossChange = lossBefore == 0.0 ? 0.0 : (mean(last, false) - lossBefore) / lossBefore;
        boolean flat = gain < MAX_GAIN && lossChange > -MAX_LOSS_DROP;
        return new Convergence(flat ? PLATEAU : RISING, gain, lossChange);
    }

    private static double mean(List<EpochPoint> points, boolean validation) {
        return points.stream()
                .mapToDouble(p -> validation ? p.valTop1() : p.trainLoss())
                .average()
                .orElseThrow();
    }
}

package io.transferlab.analytics.report;

import io.transferlab.contracts.model.Interval;
import java.util.Locale;

/** Fractions on the wire, percent points for people. */
final class Percent {
    private Percent() {}

    /** Percent points of a fraction, or the value itself for a ratio. */
    static double of(double value, boolean ratio) {
        return ratio ? value : 100.0 * value;
    }

    static String format(Double value, boolean ratio) {
        if (value == null) {
            return "";
        }
        return String.format(Locale.ROOT, ratio ? "%.4f" : "%.2f", of(value, ratio));
    }

    /** Half the width of the interval's wider side, for symmetric error bars; 0 without an interval. */
    static double errorBar(Interval interval, boolean ratio) {
        if (interval.low() == null || interval.high() == null) {
            return 0.0;
        }
        double wider = Math.max(interval.mean() - interval.low(), interval.high() - interval.mean());
        return of(wider, ratio);
    }
}

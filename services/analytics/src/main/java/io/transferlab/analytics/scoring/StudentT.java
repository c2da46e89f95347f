package io.transferlab.analytics.scoring;

/**
 * Student's t distribution: the cumulative distribution through the regularised incomplete beta
 * function (continued fraction, Numerical Recipes 6.4) and its quantile by bisection. Accurate to
 * about 1e-10, far below what a 95% interval over a handful of seeds needs.
 */
public final class StudentT {
    private static final double EPS = 1e-14;
    private static final double TINY = 1e-300;

    private StudentT() {
    }

    /** P(T <= t) for {@code df} degrees of freedom. */
    public static double cdf(double t, double df) {
        if (df <= 0) {
            throw new IllegalArgumentException("degrees of freedom must be positive, got " + df);
        }
        double x = df / (df + t * t);
        double tail = 0.5 * regularizedBeta(x, df / 2.0, 0.5);
        return t >= 0 ? 1.0 - tail : tail;
    }

    /** The t with P(T <= t) = p, for 0 < p < 1. */
    public static double quantile(double p, double df) {
        if (!(p > 0.0 && p < 1.0)) {
            throw new IllegalArgumentException("p must be in (0, 1), got " + p);
        }
        if (p < 0.5) {
            return -quantile(1.0 - p, df);
        }
        double low = 0.0;
        double high = 1.0;
        while (cdf(high, df) < p) {
            high *= 2.0;
        }
        for (int i = 0; i < 200 && high - low > 1e-12 * Math.max(1.0, high); i++) {
            double mid = 0.5 * (low + high);
            if (cdf(mid, df) < p) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return 0.5 * (low + high);
    }

    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0.0) {
            return 0.0;
        }
        if (x >= 1.0) {
            return 1.0;
        }
        double front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        if (x < (a + 1.0) / (a + b + 2.0)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1.0 - front * continuedFraction(1.0 - x, b, a) / b;
    }

    private static double continuedFraction(double x, double a, double b) {
        double qab = a + b;
        double qap = a + 1.0;
        double qam = a - 1.0;
        double c = 1.0;
        double d = 1.0 - qab * x / qap;
        d = Math.abs(d) < TINY ? TINY : d;
        d = 1.0 / d;
        double h = d;
        for (int m = 1; m <= 500; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1.0 + aa * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1.0 + aa / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1.0 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1.0 + aa * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1.0 + aa / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1.0 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1.0) < EPS) {
                break;
            }
        }
        return h;
    }

    /** Lanczos approximation (g = 7, n = 9) of ln Gamma(x) for x > 0. */
    static double lnGamma(double x) {
        double[] coefficients = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1.0 - x);
        }
        double z = x - 1.0;
        double sum = coefficients[0];
        double t = z + 7.5;
        for (int i = 1; i < coefficients.length; i++) {
            sum += coefficients[i] / (z + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}

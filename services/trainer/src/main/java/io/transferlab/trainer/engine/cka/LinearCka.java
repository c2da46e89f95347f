package io.transferlab.trainer.engine.cka;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Linear centred kernel alignment between two representations of the same m inputs: X (m x p1) and
 * Y (m x p2), rows are inputs. With columns centred,
 * {@code CKA = ||Yc^T Xc||_F^2 / (||Xc^T Xc||_F ||Yc^T Yc||_F)} (feature-space form), which equals
 * {@code <Kc, Lc>_F / (||Kc||_F ||Lc||_F)} for the centred Gram matrices {@code Kc = H X X^T H},
 * {@code Lc = H Y Y^T H} (Gram form). The debiased variant replaces each HSIC by its unbiased
 * estimator (Song et al. 2012), as in the reference code of Kornblith et al. 2019; it needs m > 3 and
 * may be slightly negative for unrelated representations.
 *
 * <p>All arithmetic is in double precision on ND4J. The feature-space form costs O(m p1 p2) and
 * the Gram form O(m^2 (p1 + p2)); {@link #linearCka(INDArray, INDArray)} picks the cheaper.
 * A representation that is constant across the inputs has no centred variance; its CKA is defined
 * here as 0 rather than NaN.
 */
public final class LinearCka {

    private LinearCka() {}

    /** Linear CKA, computed in whichever form is cheaper. */
    public static double linearCka(INDArray x, INDArray y) {
        return useGram(x, y) ? gramCka(gram(x), gram(y), false) : featureCka(x, y, false);
    }

    /** Debiased linear CKA, computed in whichever form is cheaper. */
    public static double debiasedCka(INDArray x, INDArray y) {
        return useGram(x, y) ? gramCka(gram(x), gram(y), true) : featureCka(x, y, true);
    }

    public static double linearCka(double[][] x, double[][] y) {
        return linearCka(Nd4j.create(x), Nd4j.create(y));
    }

    public static double debiasedCka(double[][] x, double[][] y) {
        return debiasedCka(Nd4j.create(x), Nd4j.create(y));
    }

    /** Feature-space form: X is m x p1, Y is m x p2. */
    public static double featureCka(INDArray x, INDArray y, boolean debiased) {
        checkPair(x, y);
        INDArray xc = centreColumns(x);
        INDArray yc = centreColumns(y);
        double xty = squaredFrobenius(xc.transpose().mmul(yc));
        double xtx = squaredFrobenius(xc.transpose().mmul(xc));
        double yty = squaredFrobenius(yc.transpose().mmul(yc));
        if (!debiased) {
            return ratio(xty, Math.sqrt(xtx), Math.sqrt(yty));
        }
        long n = x.rows();
        checkDebiasedSize(n);
        INDArray rowsX = xc.mul(xc).sum(1);
        INDArray rowsY = yc.mul(yc).sum(1);
        double normX = rowsX.sumNumber().doubleValue();
        double normY = rowsY.sumNumber().doubleValue();
        double hsicXY = unbiased(xty, rowsX, rowsY, normX, normY, n);
        double hsicXX = unbiased(xtx, rowsX, rowsX, normX, normX, n);
        double hsicYY = unbiased(yty, rowsY, rowsY, normY, normY, n);
        return ratio(hsicXY, Math.sqrt(Math.max(hsicXX, 0)), Math.sqrt(Math.max(hsicYY, 0)));
    }

    /** Gram form: {@code gx} and {@code gy} are the m x m (uncentred) Gram matrices X X^T and Y Y^T. */
    public static double gramCka(INDArray gx, INDArray gy, boolean debiased) {
        INDArray kc = centreGram(gx, debiased);
        INDArray lc = centreGram(gy, debiased);
        return ratio(dot(kc, lc), Math.sqrt(dot(kc, kc)), Math.sqrt(dot(lc, lc)));
    }

    /** The linear Gram matrix X X^T (m x m) in double precision. */
    public static INDArray gram(INDArray x) {
        INDArray d = asDouble2d(x);
        return d.mmul(d.transpose());
    }

    /**
     * Centres a Gram matrix: {@code H K H} for the biased estimator; for the unbiased one, the
     * diagonal is zeroed and the U-statistic centring of Song et al. is applied, with a zero diagonal.
     */
    public static INDArray centreGram(INDArray gram, boolean unbiased) {
        INDArray k = gram.castTo(DataType.DOUBLE).dup();
        long n = k.rows();
        if (k.rank() != 2 || k.columns() != n) {
            throw new IllegalArgumentException(
                    "a Gram matrix must be square, got " + java.util.Arrays.toString(k.shape()));
        }
        if (!unbiased) {
            INDArray means = k.mean(0);
            double grand = means.meanNumber().doubleValue();
            INDArray centred = means.sub(grand / 2);
            k.subiColumnVector(centred.reshape(n, 1));
            k.subiRowVector(centred.reshape(1, n));
            return k;
        }
        checkDebiasedSize(n);
        zeroDiagonal(k);
        INDArray means = k.sum(0).divi(n - 2);
        double total = means.sumNumber().doubleValue() / (2.0 * (n - 1));
        means.subi(total);
        k.subiColumnVector(means.reshape(n, 1));
        k.subiRowVector(means.reshape(1, n));
        zeroDiagonal(k);
        return k;
    }

    /** Frobenius inner product of two equally shaped matrices. */
    static double dot(INDArray a, INDArray b) {
        return a.mul(b).sumNumber().doubleValue();
    }

    static INDArray asDouble2d(INDArray x) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("CKA needs a 2-d activation matrix (inputs x features), got shape "
                    + java.util.Arrays.toString(x.shape()) + "; reduce conv activations first (ConvReduction)");
        }
        return x.dataType() == DataType.DOUBLE ? x : x.castTo(DataType.DOUBLE);
    }

    private static boolean useGram(INDArray x, INDArray y) {
        long m = x.rows();
        long p1 = x.columns();
        long p2 = y.columns();
        return m * m * (p1 + p2) < m * p1 * p2 + m * (p1 * p1 + p2 * p2);
    }

    private static INDArray centreColumns(INDArray x) {
        INDArray d = asDouble2d(x);
        return d.subRowVector(d.mean(0).reshape(1, d.columns()));
    }

    private static double squaredFrobenius(INDArray a) {
        return dot(a, a);
    }

    private static double unbiased(double xty, INDArray rowsX, INDArray rowsY, double normX, double normY, long n) {
        return xty - n / (n - 2.0) * dot(rowsX, rowsY) + normX * normY / ((n - 1.0) * (n - 2.0));
    }

    private static void zeroDiagonal(INDArray k) {
        long n = k.rows();
        for (long i = 0; i < n; i++) {
            k.putScalar(i, i, 0.0);
        }
    }

    private static double ratio(double numerator, double normX, double normY) {
        double denominator = normX * normY;
        if (!(denominator > 0) || Double.isNaN(numerator)) {
            return 0.0;
        }
        return numerator / denominator;
    }

    private static void checkPair(INDArray x, INDArray y) {
        if (x.rank() != 2 || y.rank() != 2 || x.rows() != y.rows()) {
            throw new IllegalArgumentException("CKA needs two matrices with the same number of rows (inputs), got "
                    + java.util.Arrays.toString(x.shape()) + " and " + java.util.Arrays.toString(y.shape()));
        }
    }

    private static void checkDebiasedSize(long n) {
        if (n < 4) {
            throw new IllegalArgumentException("debiased CKA needs at least 4 inputs, got " + n);
        }
    }
}

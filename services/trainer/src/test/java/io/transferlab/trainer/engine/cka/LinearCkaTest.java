package io.transferlab.trainer.engine.cka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LinearCkaTest {

    private static double[][] gaussian(int rows, int cols, long seed) {
        Random r = new Random(seed);
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return m;
    }

    /** A random orthogonal p x p matrix: a product of p Householder reflections. */
    private static INDArray orthogonal(int p, long seed) {
        Random r = new Random(seed);
        INDArray q = Nd4j.eye(p).castTo(DataType.DOUBLE);
        for (int k = 0; k < p; k++) {
            double[] v = new double[p];
            for (int i = 0; i < p; i++) {
                v[i] = r.nextGaussian();
            }
            INDArray vv = Nd4j.create(v).reshape(p, 1);
            double norm2 = vv.mul(vv).sumNumber().doubleValue();
            INDArray h = Nd4j.eye(p)
                    .castTo(DataType.DOUBLE)
                    .sub(vv.mmul(vv.transpose()).mul(2.0 / norm2));
            q = q.mmul(h);
        }
        return q;
    }

    private static INDArray m(double[][] values) {
        return Nd4j.create(values);
    }

    @Test
    void ckaOfARepresentationWithItselfIsOne() {
        double[][] x = gaussian(50, 12, 1);
        assertThat(LinearCka.linearCka(x, x)).isCloseTo(1.0, within(1e-12));
        assertThat(LinearCka.debiasedCka(x, x)).isCloseTo(1.0, within(1e-12));
        INDArray wide = m(gaussian(20, 300, 2));
        assertThat(LinearCka.linearCka(wide, wide)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void invariantToOrthogonalTransformsAndIsotropicScaling() {
        INDArray x = m(gaussian(60, 8, 3));
        INDArray y = m(gaussian(60, 8, 4)).add(x.mul(0.7));
        double base = LinearCka.linearCka(x, y);
        double baseDebiased = LinearCka.debiasedCka(x, y);
        INDArray q = orthogonal(8, 5);
        assertThat(q.transpose().mmul(q).equalsWithEps(Nd4j.eye(8).castTo(DataType.DOUBLE), 1e-10))
                .isTrue();

        assertThat(LinearCka.linearCka(x.mmul(q), y)).isCloseTo(base, within(1e-10));
        assertThat(LinearCka.linearCka(x, y.mmul(orthogonal(8, 6)))).isCloseTo(base, within(1e-10));
        assertThat(LinearCka.debiasedCka(x.mmul(q), y)).isCloseTo(baseDebiased, within(1e-10));
        assertThat(LinearCka.linearCka(x.mul(3.7), y)).isCloseTo(base, within(1e-10));
        assertThat(LinearCka.linearCka(x, y.mul(0.01))).isCloseTo(base, within(1e-10));
        assertThat(LinearCka.debiasedCka(x.mul(42), y)).isCloseTo(baseDebiased, within(1e-10));
        // centring makes it invariant to a constant shift of every input too
        assertThat(LinearCka.linearCka(x.add(5.0), y)).isCloseTo(base, within(1e-10));
    }

    @Test
    void notInvariantToAnArbitraryInvertibleLinearMap() {
        INDArray x = m(gaussian(60, 8, 7));
        INDArray y = m(gaussian(60, 8, 8)).add(x);
        double base = LinearCka.linearCka(x, y);
        double[][] a = gaussian(8, 8, 9);
        a[0][0] += 10; // stretch one direction: invertible but far from orthogonal
        INDArray map = m(a);
        assertThat(LinearCka.linearCka(x.mmul(map), y)).isNotCloseTo(base, within(0.02));
    }

    @Test
    void staysWithinZeroAndOne() {
        for (long seed = 0; seed < 20; seed++) {
            int p1 = 1 + (int) (seed % 7);
            int p2 = 2 + (int) (seed % 5) * 30;
            double[][] x = gaussian(25, p1, seed);
            double[][] y = gaussian(25, p2, seed + 100);
            double cka = LinearCka.linearCka(x, y);
            assertThat(cka).isBetween(0.0, 1.0 + 1e-12);
        }
    }

    @Test
    void featureSpaceAndGramFormsAgree() {
        INDArray x = m(gaussian(40, 6, 11));
        INDArray y = m(gaussian(40, 9, 12)).add(x.mmul(m(gaussian(6, 9, 13))));
        for (boolean debiased : new boolean[] {false, true}) {
            double feature = LinearCka.featureCka(x, y, debiased);
            double gram = LinearCka.gramCka(LinearCka.gram(x), LinearCka.gram(y), debiased);
            assertThat(gram).isCloseTo(feature, within(1e-10));
        }
        assertThat(LinearCka.featureCka(x, y, false)).isGreaterThan(0.3);
    }

    @Test
    void matchesTheReferenceDemoValues() throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/data/cka-demo-seed1337.csv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    String[] parts = line.split(",");
                    double[] row = new double[parts.length];
                    for (int i = 0; i < parts.length; i++) {
                        row[i] = Double.parseDouble(parts[i]);
                    }
                    rows.add(row);
                }
            }
        }
        assertThat(rows).hasSize(100);
        double[][] x = new double[100][10];
        double[][] y = new double[100][10];
        for (int i = 0; i < 100; i++) {
            System.arraycopy(rows.get(i), 0, x[i], 0, 10);
            System.arraycopy(rows.get(i), 10, y[i], 0, 10);
        }
        // PROTOCOL.md: the authors' demo gives 0.55761 (debiased 0.51346)
        assertThat(LinearCka.linearCka(x, y)).isCloseTo(0.55761, within(1e-4));
        assertThat(LinearCka.debiasedCka(x, y)).isCloseTo(0.51346, within(1e-4));
        assertThat(LinearCka.featureCka(m(x), m(y), true)).isCloseTo(0.51346, within(1e-4));
        assertThat(LinearCka.gramCka(LinearCka.gram(m(x)), LinearCka.gram(m(y)), false))
                .isCloseTo(0.55761, within(1e-4));
    }

    @Test
    void degenerateInputsAreHandled() {
        double[][] constant = new double[10][3];
        assertThat(LinearCka.linearCka(constant, gaussian(10, 3, 1))).isZero();
        assertThatThrownBy(() -> LinearCka.linearCka(gaussian(10, 3, 1), gaussian(11, 3, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LinearCka.debiasedCka(gaussian(3, 2, 1), gaussian(3, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 4 inputs");
    }
}

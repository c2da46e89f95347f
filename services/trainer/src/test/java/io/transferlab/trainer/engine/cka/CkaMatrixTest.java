package io.transferlab.trainer.engine.cka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.transferlab.contracts.model.CkaResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CkaMatrixTest {

    /** Activations of an 8-layer net on {@code m} probes: 5 conv layers (m x c x h x w), then 3 dense. */
    private static List<INDArray> network(int m, long seed) {
        Nd4j.getRandom().setSeed(seed);
        List<INDArray> layers = new ArrayList<>();
        int[][] conv = {{4, 6, 6}, {6, 4, 4}, {8, 3, 3}, {8, 3, 3}, {6, 2, 2}};
        for (int[] s : conv) {
            layers.add(Nd4j.randn(DataType.FLOAT, m, s[0], s[1], s[2]));
        }
        layers.add(Nd4j.randn(DataType.FLOAT, m, 30));
        layers.add(Nd4j.randn(DataType.FLOAT, m, 20));
        layers.add(Nd4j.randn(DataType.FLOAT, m, 5));
        return layers;
    }

    @Test
    void eightByEightMatrixWithOnesOnTheDiagonalForTheSameNetwork() {
        List<INDArray> a = network(30, 1);
        CkaMatrix same = CkaMatrix.compute(a, a, ConvReduction.FLATTEN);
        assertThat(same.linear()).hasDimensions(8, 8);
        assertThat(same.debiased()).hasDimensions(8, 8);
        assertThat(same.probeImages()).isEqualTo(30);
        for (int i = 0; i < 8; i++) {
            assertThat(same.linear()[i][i]).isCloseTo(1.0, within(1e-9));
            assertThat(same.debiased()[i][i]).isCloseTo(1.0, within(1e-9));
            for (int j = 0; j < 8; j++) {
                assertThat(same.linear()[i][j]).isBetween(0.0, 1.0 + 1e-9);
                assertThat(same.linear()[i][j]).isCloseTo(same.linear()[j][i], within(1e-12));
            }
        }
        // independent random layers are far less similar than a layer with itself
        assertThat(same.linear()[0][5]).isLessThan(0.9);
    }

    @Test
    void entriesEqualPairwiseCkaOfTheReducedActivations() {
        List<INDArray> a = network(24, 2);
        List<INDArray> b = network(24, 3);
        b.set(2, a.get(2).mul(3.0)); // layer 3 of B is a scaled copy of layer 3 of A
        CkaMatrix flat = CkaMatrix.compute(a, b, ConvReduction.FLATTEN);
        CkaMatrix mean = CkaMatrix.compute(a, b, ConvReduction.SPATIAL_MEAN);

        assertThat(flat.linear()[2][2]).isCloseTo(1.0, within(1e-9));
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                INDArray x = CkaMatrix.reduce(a.get(i), ConvReduction.FLATTEN);
                INDArray y = CkaMatrix.reduce(b.get(j), ConvReduction.FLATTEN);
                assertThat(flat.linear()[i][j]).isCloseTo(LinearCka.featureCka(x, y, false), within(1e-9));
                assertThat(flat.debiased()[i][j]).isCloseTo(LinearCka.featureCka(x, y, true), within(1e-9));
            }
        }
        INDArray pooled = CkaMatrix.reduce(a.get(0), ConvReduction.SPATIAL_MEAN);
        assertThat(pooled.shape()).containsExactly(24, 4);
        assertThat(pooled.getDouble(3, 2))
                .isCloseTo(
                        a.get(0)
                                .get(
                                        org.nd4j.linalg.indexing.NDArrayIndex.point(3),
                                        org.nd4j.linalg.indexing.NDArrayIndex.point(2))
                                .meanNumber()
                                .doubleValue(),
                        within(1e-6));
        assertThat(CkaMatrix.reduce(a.get(0), ConvReduction.FLATTEN).shape()).containsExactly(24, 144);
        assertThat(mean.linear()[0][0]).isNotCloseTo(flat.linear()[0][0], within(1e-6));
    }

    @Test
    void arraysAndWireForm() {
        double[][] x = {{1, 2}, {3, 1}, {0, 5}, {2, 2}, {4, 0}};
        double[][] y = {{2, 0}, {1, 1}, {3, 3}, {0, 1}, {5, 2}};
        CkaMatrix matrix = CkaMatrix.computeArrays(List.of(x, y), List.<double[][]>of(y));
        assertThat(matrix.linear()).hasDimensions(2, 1);
        assertThat(matrix.linear()[0][0]).isCloseTo(LinearCka.linearCka(x, y), within(1e-12));
        assertThat(matrix.linear()[1][0]).isCloseTo(1.0, within(1e-12));

        CkaResult result = matrix.toResult();
        assertThat(result.reduction()).isEqualTo("flatten");
        assertThat(result.probeImages()).isEqualTo(5);
        assertThat(result.linear().get(0).get(0)).isEqualTo(matrix.linear()[0][0]);
        assertThat(ConvReduction.fromWireName("spatial-mean")).isEqualTo(ConvReduction.SPATIAL_MEAN);
    }

    @Test
    void probeCountsMustAgree() {
        List<INDArray> a = network(10, 4);
        List<INDArray> b = network(12, 5);
        assertThatThrownBy(() -> CkaMatrix.compute(a, b, ConvReduction.FLATTEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 10");
    }
}

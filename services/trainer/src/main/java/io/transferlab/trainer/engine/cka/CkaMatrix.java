package io.transferlab.trainer.engine.cka;

import io.transferlab.contracts.model.CkaResult;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CKA between every layer of network A (rows) and every layer of network B (columns), computed on
 * the activations of one probe set: for the 8-layer family, an 8x8 matrix of linear CKA and one of
 * debiased linear CKA. Each layer's centred Gram matrix is computed once (m x m for m probe images),
 * so the whole matrix costs 2L Gram products plus L^2 inner products. Memory: two m x m double
 * matrices per layer and network (about 2 x 16 x 8 m^2 bytes for two 8-layer networks: 256 MB at
 * m = 1000), so a probe set of a few hundred to a thousand images is the intended size.
 *
 * @param linear linear CKA, {@code linear[i][j]} between layer i+1 of A and layer j+1 of B
 * @param debiased debiased linear CKA, same indexing
 */
public record CkaMatrix(double[][] linear, double[][] debiased, int probeImages, ConvReduction reduction) {

    /**
     * Computes both matrices from per-layer activations, in layer order 1..L. Each activation is
     * probe images x features (rank 2) or probe images x channels x height x width (rank 4, reduced
     * with {@code reduction}); every layer must have the same number of probe images.
     */
    public static CkaMatrix compute(List<INDArray> layersA, List<INDArray> layersB, ConvReduction reduction) {
        if (layersA.isEmpty() || layersB.isEmpty()) {
            throw new IllegalArgumentException("both networks need at least one layer of activations");
        }
        long m = layersA.get(0).size(0);
        List<INDArray[]> gramsA = centredGrams(layersA, reduction, m);
        List<INDArray[]> gramsB = centredGrams(layersB, reduction, m);
        double[][] linear = new double[layersA.size()][layersB.size()];
        double[][] debiased = new double[layersA.size()][layersB.size()];
        for (int i = 0; i < gramsA.size(); i++) {
            for (int j = 0; j < gramsB.size(); j++) {
                linear[i][j] = cosine(gramsA.get(i)[0], gramsB.get(j)[0]);
                debiased[i][j] = cosine(gramsA.get(i)[1], gramsB.get(j)[1]);
            }
        }
        return new CkaMatrix(linear, debiased, (int) m, reduction);
    }

    /** The same from plain arrays: each layer's activations as probe images x features. */
    public static CkaMatrix computeArrays(List<double[][]> layersA, List<double[][]> layersB) {
        return compute(
                layersA.stream().map(Nd4j::create).toList(),
                layersB.stream().map(Nd4j::create).toList(),
                ConvReduction.FLATTEN);
    }

    /** Brings one layer's activations to probe images x features. */
    public static INDArray reduce(INDArray activations, ConvReduction reduction) {
        INDArray a = activations.dataType() == DataType.DOUBLE ? activations : activations.castTo(DataType.DOUBLE);
        return switch (a.rank()) {
            case 2 -> a;
            case 4 ->
                reduction == ConvReduction.SPATIAL_MEAN
                        ? a.mean(2, 3)
                        : a.dup('c').reshape('c', a.size(0), a.size(1) * a.size(2) * a.size(3));
            default ->
                throw new IllegalArgumentException(
                        "activations must be rank 2 or 4, got shape " + java.util.Arrays.toString(a.shape()));
        };
    }

    /** The wire form for {@code JobOutcome.cka} / {@code CkaResult}. */
    public CkaResult toResult() {
        return new CkaResult(toLists(linear), toLists(debiased), probeImages, reduction.wireName());
    }

    private static List<INDArray[]> centredGrams(List<INDArray> layers, ConvReduction reduction, long m) {
        List<INDArray[]> grams = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            INDArray x = reduce(layers.get(l), reduction);
            if (x.rows() != m) {
                throw new IllegalArgumentException(
                        "layer " + (l + 1) + " has activations for " + x.rows() + " probe images, expected " + m);
            }
            INDArray gram = LinearCka.gram(x);
            grams.add(new INDArray[] {LinearCka.centreGram(gram, false), LinearCka.centreGram(gram, true)});
        }
        return grams;
    }

    private static double cosine(INDArray k, INDArray l) {
        double denominator = Math.sqrt(LinearCka.dot(k, k)) * Math.sqrt(LinearCka.dot(l, l));
        return denominator > 0 ? LinearCka.dot(k, l) / denominator : 0.0;
    }

    private static List<List<Double>> toLists(double[][] matrix) {
        List<List<Double>> rows = new ArrayList<>();
        for (double[] row : matrix) {
            List<Double> r = new ArrayList<>();
            for (double v : row) {
                r.add(v);
            }
            rows.add(r);
        }
        return rows;
    }
}

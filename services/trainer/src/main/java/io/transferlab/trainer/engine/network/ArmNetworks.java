package io.transferlab.trainer.engine.network;

import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.TrainingSettings;
import io.transferlab.trainer.engine.InvalidInputException;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The starting network of each arm (PROTOCOL.md): base trains all from scratch; selffer/transfer copy layers
 * 1..n from a base network and freeze them; the -finetuned arms copy and train everything; random-frozen
 * freezes layers 1..n at their random initialisation. Layers n+1..8 always start from the initialiser with
 * the job's own seed, and layer 8 is sized for the target half.
 */
public final class ArmNetworks {
    private ArmNetworks() {}

    /** How many leading layers the arm keeps fixed. */
    public static int frozenLayers(Arm arm, int n) {
        return arm.freezes() ? n : 0;
    }

    /**
     * @param source the base network to copy layers 1..n from (with {@code sourceSpec}); null unless the arm
     *     copies weights
     */
    public static MultiLayerNetwork build(
            Arm arm,
            int n,
            NetworkSpec spec,
            TrainingSettings hp,
            long initSeed,
            MultiLayerNetwork source,
            NetworkSpec sourceSpec) {
        if (arm != Arm.BASE && (n < 1 || n >= PaperLayers.COUNT)) {
            throw new InvalidInputException("arm " + arm.wireName() + " needs n in 1..7, got " + n);
        }
        MultiLayerNetwork net = Tl8Network.create(spec, hp, frozenLayers(arm, n), initSeed);
        if (arm.copiesWeights()) {
            if (source == null || sourceSpec == null) {
                throw new InvalidInputException("arm " + arm.wireName() + " needs a base network to copy from");
            }
            if (!spec.featureLayersMatch(sourceSpec)) {
                throw new InvalidInputException("the base network (" + sourceSpec.describe()
                        + ") does not have the layer shapes of this job's network (" + spec.describe() + ")");
            }
            copyLayers(source, net, n);
        }
        return net;
    }

    /** Copies the weights and biases of paper layers 1..n from {@code from} into {@code to}. */
    public static void copyLayers(MultiLayerNetwork from, MultiLayerNetwork to, int n) {
        for (int l = 1; l <= n; l++) {
            Layer src = from.getLayer(PaperLayers.weightIndex(l));
            Layer dst = to.getLayer(PaperLayers.weightIndex(l));
            for (Map.Entry<String, INDArray> p : src.paramTable().entrySet()) {
                INDArray target = dst.getParam(p.getKey());
                if (target == null
                        || !Arrays.equals(target.shape(), p.getValue().shape())) {
                    throw new InvalidInputException("cannot copy layer " + l + " parameter " + p.getKey() + ": shape "
                            + Arrays.toString(p.getValue().shape()) + " vs "
                            + (target == null ? "none" : Arrays.toString(target.shape())));
                }
                target.assign(p.getValue());
            }
        }
    }

    /** A copy of paper layer {@code layer}'s parameters (weights then bias, flattened). */
    public static INDArray layerParams(MultiLayerNetwork net, int layer) {
        return net.getLayer(PaperLayers.weightIndex(layer)).params().dup();
    }
}

package io.transferlab.trainer.engine.network;

import io.transferlab.contracts.catalog.DatasetCatalog;
import java.util.List;

/**
 * The paper's layer numbering (1..8 = conv1..conv5, fc6, fc7, fc8) against DL4J's layer indices. In DL4J
 * pooling, normalisation and dropout are layers of their own; each belongs to the weight layer it follows.
 *
 * <pre>
 * paper layer  DL4J indices   content
 *   1          0, 1           conv1 5x5 pad 2 + ReLU, max-pool 2x2/2
 *   2          2, 3           conv2 5x5 pad 2 + ReLU, max-pool 2x2/2
 *   3          4              conv3 3x3 pad 1 + ReLU
 *   4          5              conv4 3x3 pad 1 + ReLU
 *   5          6, 7           conv5 3x3 pad 1 + ReLU, max-pool 2x2/2
 *   6          8, 9           fc6 + ReLU, dropout
 *   7          10, 11         fc7 + ReLU, dropout
 *   8          12             fc8 softmax classifier
 * </pre>
 * The original's local response normalisation after pool1/pool2 is left out: DL4J M2.1 gives LRN a oneDNN
 * helper only on CUDA, so on CPU it falls back to a slow path (and the two paths disagree numerically), and
 * LRN has little effect on accuracy in later studies (Simonyan and Zisserman 2014).
 */
public final class PaperLayers {
    public static final int COUNT = DatasetCatalog.LAYERS;

    private static final List<List<Integer>> GROUPS = List.of(
            List.of(0, 1),
            List.of(2, 3),
            List.of(4),
            List.of(5),
            List.of(6, 7),
            List.of(8, 9),
            List.of(10, 11),
            List.of(12));

    /** Number of DL4J layers in the network. */
    public static final int DL4J_LAYER_COUNT = 13;

    private PaperLayers() {}

    /** The DL4J index of paper layer {@code layer}'s weights. */
    public static int weightIndex(int layer) {
        return group(layer).get(0);
    }

    /** The DL4J index whose output is paper layer {@code layer}'s activation (after its pooling/dropout). */
    public static int outputIndex(int layer) {
        List<Integer> g = group(layer);
        return g.get(g.size() - 1);
    }

    /** All DL4J indices that belong to paper layer {@code layer}. */
    public static List<Integer> group(int layer) {
        if (layer < 1 || layer > COUNT) {
            throw new IllegalArgumentException("paper layers are numbered 1.." + COUNT + ", got " + layer);
        }
        return GROUPS.get(layer - 1);
    }

    /** The paper layer a DL4J index belongs to. */
    public static int paperLayerOf(int dl4jIndex) {
        for (int l = 1; l <= COUNT; l++) {
            if (GROUPS.get(l - 1).contains(dl4jIndex)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no DL4J layer " + dl4jIndex + " in the network");
    }
}

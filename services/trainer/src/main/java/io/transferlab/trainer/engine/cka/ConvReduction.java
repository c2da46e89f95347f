package io.transferlab.trainer.engine.cka;

/**
 * How a convolutional activation tensor (probe images x channels x height x width) becomes a
 * matrix of probe images x features before CKA. Dense activations (rank 2) are used as they are.
 *
 * <ul>
 * <li>{@link #FLATTEN} (the default): every (channel, y, x) position is a feature, as in Kornblith
 * et al. 2019, "Similarity of Neural Network Representations Revisited", who flatten conv
 * activations. It keeps the spatial layout, which is part of what a copied conv layer hands on to
 * the next one, so two layers that compute the same features at different places are told apart.
 * With many features, CKA is computed in its Gram form (cost m^2 p for m probe images), so width
 * costs little.</li>
 * <li>{@link #SPATIAL_MEAN}: each channel is averaged over the spatial positions, giving one feature
 * per channel. This is invariant to where a feature fires and much cheaper, but it throws away
 * spatial structure and tends to report higher similarity between early layers.</li>
 * </ul>
 */
public enum ConvReduction {
    FLATTEN("flatten"),
    SPATIAL_MEAN("spatial-mean");

    private final String wireName;

    ConvReduction(String wireName) {
        this.wireName = wireName;
    }

    /** The name recorded in {@code CkaResult.reduction}. */
    public String wireName() {
        return wireName;
    }

    public static ConvReduction fromWireName(String name) {
        for (ConvReduction r : values()) {
            if (r.wireName.equalsIgnoreCase(name) || r.name().equalsIgnoreCase(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown conv reduction '" + name + "'; known: flatten, spatial-mean");
    }
}

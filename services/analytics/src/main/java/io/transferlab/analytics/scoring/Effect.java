package io.transferlab.analytics.scoring;

import io.transferlab.contracts.model.Arm;
import java.util.List;

/**
 * The paired effects of PROTOCOL.md: each network of {@code arm} against its partner of the same
 * target half, seed and (for specificity) layer cut. {@link #GENERALITY_INDEX} is a ratio, the rest are
 * differences.
 */
public enum Effect {
    CO_ADAPTATION("co-adaptation", Arm.SELFFER, Arm.BASE, false),
    SPECIFICITY("specificity", Arm.TRANSFER, Arm.SELFFER, false),
    TRANSFER_GAP("transfer-gap", Arm.TRANSFER, Arm.BASE, false),
    FINETUNE_GAIN_TRANSFER("finetune-gain-transfer", Arm.TRANSFER_FINETUNED, Arm.BASE, false),
    FINETUNE_GAIN_SELFFER("finetune-gain-selffer", Arm.SELFFER_FINETUNED, Arm.BASE, false),
    RANDOM_FROZEN_GAP("random-frozen-gap", Arm.RANDOM_FROZEN, Arm.BASE, false),
    GENERALITY_INDEX("generality-index", Arm.TRANSFER, Arm.BASE, true);

    public static final List<Effect> ALL = List.of(values());

    private final String wireName;
    private final Arm arm;
    private final Arm reference;
    private final boolean ratio;

    Effect(String wireName, Arm arm, Arm reference, boolean ratio) {
        this.wireName = wireName;
        this.arm = arm;
        this.reference = reference;
        this.ratio = ratio;
    }

    public String wireName() {
        return wireName;
    }

    public Arm arm() {
        return arm;
    }

    /** The partner arm: base (layer cut 0) or, for specificity, the selffer at the same cut. */
    public Arm reference() {
        return reference;
    }

    /** True when the effect is arm / reference (unit-free) rather than arm - reference. */
    public boolean ratio() {
        return ratio;
    }

    public double of(double armValue, double referenceValue) {
        return ratio ? armValue / referenceValue : armValue - referenceValue;
    }
}

package io.transferlab.analytics.scoring;

import io.transferlab.contracts.model.Arm;
import java.util.List;

/**
 * The paired effects: each network of {@code arm} against its partner of the same target half and
 * replicate, at cut 0 for the base and at the same layer cut for every other reference arm.
 * {@link #GENERALITY_INDEX} is a ratio, the rest are differences. The last three are the contrasts the
 * paper's argument rests on: whether fine-tuning erases specificity (AnB+ - BnB+), what fine-tuning
 * recovers of a frozen transfer (AnB+ - AnB) and whether transferred features beat random ones
 * (random-frozen - AnB).
 */
public enum Effect {
    CO_ADAPTATION("co-adaptation", Arm.SELFFER, Arm.BASE, false),
    SPECIFICITY("specificity", Arm.TRANSFER, Arm.SELFFER, false),
    TRANSFER_GAP("transfer-gap", Arm.TRANSFER, Arm.BASE, false),
    FINETUNE_GAIN_TRANSFER("finetune-gain-transfer", Arm.TRANSFER_FINETUNED, Arm.BASE, false),
    FINETUNE_GAIN_SELFFER("finetune-gain-selffer", Arm.SELFFER_FINETUNED, Arm.BASE, false),
    RANDOM_FROZEN_GAP("random-frozen-gap", Arm.RANDOM_FROZEN, Arm.BASE, false),
    GENERALITY_INDEX("generality-index", Arm.TRANSFER, Arm.BASE, true),
    FINETUNED_SPECIFICITY("finetuned-specificity", Arm.TRANSFER_FINETUNED, Arm.SELFFER_FINETUNED, false),
    FINETUNE_RECOVERY("finetune-recovery", Arm.TRANSFER_FINETUNED, Arm.TRANSFER, false),
    RANDOM_VERSUS_TRANSFER("random-frozen-minus-transfer", Arm.RANDOM_FROZEN, Arm.TRANSFER, false);

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

    /** The partner arm: base (layer cut 0) or another arm at the same cut. */
    public Arm reference() {
        return reference;
    }

    /** True when the effect is arm / reference (unit-free) rather than arm - reference. */
    public boolean ratio() {
        return ratio;
    }

    public static Effect fromWire(String wireName) {
        for (Effect effect : values()) {
            if (effect.wireName.equals(wireName)) {
                return effect;
            }
        }
        String shown =
                wireName == null ? "null" : wireName.length() > 40 ? wireName.substring(0, 40) + "..." : wireName;
        throw new IllegalArgumentException("unknown effect '" + shown + "'; known: "
                + ALL.stream().map(Effect::wireName).toList());
    }

    public double of(double armValue, double referenceValue) {
        return ratio ? armValue / referenceValue : armValue - referenceValue;
    }
}

package io.transferlab.contracts.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The experiment arms of PROTOCOL.md. Wire names are lower-case with dashes. */
public enum Arm {
    BASE("base", false, false),
    SELFFER("selffer", true, false),
    TRANSFER("transfer", true, false),
    SELFFER_FINETUNED("selffer-finetuned", true, true),
    TRANSFER_FINETUNED("transfer-finetuned", true, true),
    RANDOM_FROZEN("random-frozen", false, false);

    private final String wireName;
    private final boolean copiesWeights;
    private final boolean fineTuned;

    Arm(String wireName, boolean copiesWeights, boolean fineTuned) {
        this.wireName = wireName;
        this.copiesWeights = copiesWeights;
        this.fineTuned = fineTuned;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** True when layers 1..n are copied from a base network (and so the job depends on one). */
    public boolean copiesWeights() {
        return copiesWeights;
    }

    /** True when copied layers keep training; false when they are frozen. */
    public boolean fineTuned() {
        return fineTuned;
    }

    /** True for arms that keep layers 1..n fixed during training. */
    public boolean freezes() {
        return this == SELFFER || this == TRANSFER || this == RANDOM_FROZEN;
    }

    /** True when the copied layers come from the base network of the other half (AnB, AnB+). */
    public boolean crossesHalves() {
        return this == TRANSFER || this == TRANSFER_FINETUNED;
    }

    @JsonCreator
    public static Arm fromWire(String value) {
        for (Arm arm : values()) {
            if (arm.wireName.equals(value)) {
                return arm;
            }
        }
        throw new IllegalArgumentException("unknown arm '" + value + "'");
    }
}

package io.transferlab.contracts.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A job trains a network, or computes linear CKA between the two base networks. */
public enum JobKind {
    TRAIN("train"),
    CKA("cka");

    private final String wireName;

    JobKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static JobKind fromWire(String value) {
        for (JobKind k : values()) {
            if (k.wireName.equals(value)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown job kind '" + value + "'");
    }
}

package io.transferlab.contracts.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/** Which transfer directions a request runs: A to B (AnB, BnB), B to A (BnA, AnA), or both. */
public enum Direction {
    A_TO_B("a-to-b"),
    B_TO_A("b-to-a"),
    BOTH("both");

    private final String wireName;

    Direction(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The target halves this choice trains on. */
    public List<Half> targetHalves() {
        return switch (this) {
            case A_TO_B -> List.of(Half.B);
            case B_TO_A -> List.of(Half.A);
            case BOTH -> List.of(Half.B, Half.A);
        };
    }

    /** The direction whose target is the given half. */
    public static Direction towards(Half target) {
        return target == Half.B ? A_TO_B : B_TO_A;
    }

    @JsonCreator
    public static Direction fromWire(String value) {
        for (Direction d : values()) {
            if (d.wireName.equals(value)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown direction '" + value + "'");
    }
}

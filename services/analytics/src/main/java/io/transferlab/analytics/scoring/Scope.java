package io.transferlab.analytics.scoring;

import io.transferlab.contracts.model.Direction;
import io.transferlab.contracts.model.Half;
import java.util.List;

/** What a score averages over: one direction (a target half) or both directions pooled. */
public enum Scope {
    A_TO_B("a-to-b"),
    B_TO_A("b-to-a"),
    POOLED("pooled");

    public static final List<Scope> ALL = List.of(A_TO_B, B_TO_A, POOLED);

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** True when a network trained on {@code target} belongs to this scope. */
    public boolean includes(Half target) {
        return this == POOLED || Direction.towards(target).wireName().equals(wireName);
    }
}

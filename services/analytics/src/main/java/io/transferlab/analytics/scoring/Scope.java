package io.transferlab.analytics.scoring;

import io.transferlab.contracts.model.Direction;
import io.transferlab.contracts.model.Half;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What a score averages over: one direction (a target half) or the directions the experiment studies,
 * pooled. A base network trained only as the source of the one studied direction belongs to no pool.
 */
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

    /**
     * True when a network trained on {@code target} belongs to this scope; {@code studied} are the target
     * halves of the directions the experiment studies, the only ones pooled.
     */
    public boolean includes(Half target, Set<Half> studied) {
        return this == POOLED
                ? studied.contains(target)
                : Direction.towards(target).wireName().equals(wireName);
    }

    /** The networks of this scope, in their order. */
    public List<NetworkResult> select(Collection<NetworkResult> networks, Set<Half> studied) {
        return networks.stream().filter(r -> includes(r.targetHalf(), studied)).toList();
    }
}

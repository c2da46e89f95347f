package io.transferlab.coordinator.planning;

import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.Half;

/**
 * Deterministic job ids (docs/DESIGN.md): {@code <experimentId>.<arm>.n<n>.<source><target>.s<seed>},
 * source {@code -} when nothing is copied, and {@code <experimentId>.cka.s<seed>} for CKA jobs.
 */
public final class JobIds {
    private JobIds() {}

    public static String train(String experimentId, Arm arm, int n, Half source, Half target, long seed) {
        return experimentId + "." + arm.wireName() + ".n" + n + "." + (source == null ? "-" : source.name())
                + target.name() + ".s" + seed;
    }

    public static String base(String experimentId, Half half, long seed) {
        return train(experimentId, Arm.BASE, 0, null, half, seed);
    }

    public static String cka(String experimentId, long seed) {
        return experimentId + ".cka.s" + seed;
    }
}

package io.transferlab.analytics.scoring;

import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.Half;

/**
 * The accuracy of one trained network. {@code replicate} identifies the replicate (the paper's split);
 * {@code sourceHalf} is null for arms that copy nothing (base, random-frozen). The scoring code is
 * unit-agnostic: the service feeds fractions, the paper test feeds percent points.
 */
public record NetworkResult(Arm arm, int n, Half sourceHalf, Half targetHalf, long replicate, double accuracy) {
    public NetworkResult {
        if (arm == null || targetHalf == null) {
            throw new IllegalArgumentException("a network result needs an arm and a target half");
        }
        if (Double.isNaN(accuracy) || Double.isInfinite(accuracy)) {
            throw new IllegalArgumentException("accuracy must be a finite number, got " + accuracy);
        }
    }
}

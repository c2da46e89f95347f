package io.transferlab.analytics.ledger;

import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.Half;

/**
 * A planned training job that failed with {@code failureKind: diverged} (non-finite loss or outputs): it is
 * never scored, and reports list it on its own so that a missing network is not mistaken for a slow one.
 */
public record DivergedJob(String jobId, Arm arm, int n, Half targetHalf, long replicate, int attempt, String reason) {}

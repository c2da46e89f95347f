package io.transferlab.trainer.engine;

/**
 * Training produced a non-finite loss or non-finite network outputs. The network's numbers are garbage:
 * the job fails with failure kind {@code diverged}, is not retried (the same settings diverge again) and is
 * never scored.
 */
public class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}

package io.transferlab.trainer.training;

import java.util.function.BooleanSupplier;

/**
 * One job's claim on its trainer's compute slots (one per job trained side by side): the job holds a slot only
 * while it trains and evaluates, not while it fetches its inputs or stores its results.
 */
public interface ComputeSlot {
    /** A slot for a job that runs alone (tests, tools): always free. */
    ComputeSlot ALWAYS_FREE = new ComputeSlot() {
        @Override
        public boolean acquire(BooleanSupplier giveUp) {
            return true;
        }

        @Override
        public void release() {}
    };

    /**
     * Waits for a free slot (first come, first served) and holds it; false, without a slot, once {@code giveUp}
     * says so (checked at least every 200 ms).
     */
    boolean acquire(BooleanSupplier giveUp);

    /** The job computes no more: gives the slot back if it holds it (idempotent). */
    void release();
}

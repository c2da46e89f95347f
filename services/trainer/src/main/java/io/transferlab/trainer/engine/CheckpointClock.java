package io.transferlab.trainer.engine;

import java.time.Duration;

/**
 * When a job writes its next epoch checkpoint: once at least {@code interval} has passed since the job started or
 * since its last epoch checkpoint. A zero interval: after every epoch. Epochs of a few seconds would otherwise spend
 * a tenth of the job serialising, hashing and uploading checkpoints that a crash would rarely need.
 */
final class CheckpointClock {
    private final long intervalNanos;
    private long lastNanos;

    CheckpointClock(Duration interval, long startNanos) {
        this.intervalNanos = interval.toNanos();
        this.lastNanos = startNanos;
    }

    /** True, and the clock restarts at {@code nowNanos}, when an epoch ending now should be checkpointed. */
    boolean due(long nowNanos) {
        if (nowNanos - lastNanos < intervalNanos) {
            return false;
        }
        lastNanos = nowNanos;
        return true;
    }
}

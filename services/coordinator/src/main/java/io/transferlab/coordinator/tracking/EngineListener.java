package io.transferlab.coordinator.tracking;

import java.time.Duration;

/** What the engine tells the metrics about its live decisions. */
public interface EngineListener {
    EngineListener NONE = new EngineListener() {};

    /** A job was dispatched again (retryable failure or lost heartbeat). */
    default void retried(String jobId, int attempt, String why) {}

    /** A trainer started a job this long after it was dispatched. */
    default void started(Duration sinceDispatch) {}
}

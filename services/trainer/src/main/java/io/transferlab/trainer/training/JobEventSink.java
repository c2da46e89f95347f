package io.transferlab.trainer.training;

import io.transferlab.contracts.events.TransferLabEvent;

/**
 * Where the training service reports a job's events; the messaging adapter publishes them on
 * {@code transferlab.job-events}. Returns only once the event is durable.
 */
@FunctionalInterface
public interface JobEventSink {
    /** Publishes and waits for the acknowledgement; throws {@link EventNotPublishedException} when it failed. */
    void publish(TransferLabEvent event);
}

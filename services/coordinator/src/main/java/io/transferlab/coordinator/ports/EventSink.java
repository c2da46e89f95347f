package io.transferlab.coordinator.ports;

import io.transferlab.contracts.events.TransferLabEvent;

/**
 * Where the REST layer publishes requests and cancellations: returns once the broker acknowledged the event,
 * else throws kafka-support's {@code PublishException} (implemented by {@code messaging.EventPublisher}).
 */
public interface EventSink {

    void publish(TransferLabEvent event);
}

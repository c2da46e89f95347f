package io.transferlab.coordinator.messaging;

import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.coordinator.ports.EventSink;
import io.transferlab.kafka.AcknowledgedPublisher;
import io.transferlab.kafka.PublishException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The coordinator's publisher for its REST API (kafka-support's {@link AcknowledgedPublisher}, created on
 * first use): requests as CloudEvents on their topic, keyed per docs/DESIGN.md; a request counts only once
 * the broker acknowledged it, else {@link PublishException}. The loop's decisions go through the fencing
 * publisher of its leadership instead ({@link KafkaClients#decisionPublisher()}), so that a standby's REST
 * API never fences the leader.
 */
@ApplicationScoped
public class EventPublisher implements EventSink {
    public static final String SOURCE = "/transferlab/coordinator";

    @Inject
    KafkaClients clients;

    private volatile AcknowledgedPublisher publisher;

    /** Publishes in order and returns once every event is acknowledged. */
    public void publish(List<? extends TransferLabEvent> events) {
        publisher().publish(events);
    }

    @Override
    public void publish(TransferLabEvent event) {
        publish(List.of(event));
    }

    private AcknowledgedPublisher publisher() {
        AcknowledgedPublisher p = publisher;
        if (p == null) {
            synchronized (this) {
                if (publisher == null) {
                    publisher = clients.publisher();
                }
                p = publisher;
            }
        }
        return p;
    }

    @PreDestroy
    void close() {
        if (publisher != null) {
            publisher.close();
        }
    }
}

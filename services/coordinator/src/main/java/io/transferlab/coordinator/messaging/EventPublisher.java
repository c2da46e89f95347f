package io.transferlab.coordinator.messaging;

import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.coordinator.config.CoordinatorConfig;
import io.transferlab.coordinator.ports.EventSink;
import io.transferlab.kafka.AcknowledgedPublisher;
import io.transferlab.kafka.AnswerPublisher;
import io.transferlab.kafka.PublishException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The coordinator's publisher (kafka-support's {@link AcknowledgedPublisher}, created on first use):
 * events as CloudEvents on their topic, keyed per docs/DESIGN.md; a decision counts only once the broker
 * acknowledged it, else {@link PublishException}. {@link #answers()} publishes what the loop answers to
 * a record, so that no record can stall it.
 */
@ApplicationScoped
public class EventPublisher implements EventSink {
    public static final String SOURCE = "/transferlab/coordinator";

    @Inject
    KafkaClients clients;
    @Inject
    CoordinatorConfig config;

    private volatile AcknowledgedPublisher publisher;
    private volatile AnswerPublisher answers;

    /** Publishes in order and returns once every event is acknowledged. */
    public void publish(List<? extends TransferLabEvent> events) {
        publisher().publish(events);
    }

    @Override
    public void publish(TransferLabEvent event) {
        publish(List.of(event));
    }

    AnswerPublisher answers() {
        publisher();
        return answers;
    }

    private AcknowledgedPublisher publisher() {
        AcknowledgedPublisher p = publisher;
        if (p == null) {
            synchronized (this) {
                if (publisher == null) {
                    AcknowledgedPublisher created = clients.publisher();
                    answers = new AnswerPublisher(created, KafkaClients.GROUP_ID, config.answerPatience());
                    publisher = created;
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

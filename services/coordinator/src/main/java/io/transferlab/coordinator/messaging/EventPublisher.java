package io.transferlab.coordinator.messaging;

import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.kafka.EventRecords;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes events as CloudEvents (binary mode) on their topic, keyed per docs/DESIGN.md, and waits
 * for the broker's acknowledgement: a decision counts only once it is durable.
 */
@ApplicationScoped
public class EventPublisher {
    public static final String SOURCE = "/transferlab/coordinator";
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    KafkaClients clients;

    private volatile KafkaProducer<String, byte[]> producer;

    /** Publishes in order and returns once every event is acknowledged. */
    public void publish(List<? extends TransferLabEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (TransferLabEvent event : events) {
            acks.add(producer().send(EventRecords.of(event, SOURCE)));
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishException("interrupted while publishing", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new PublishException("Kafka did not acknowledge an event", e);
            }
        }
    }

    public void publish(TransferLabEvent event) {
        publish(List.of(event));
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = clients.producer();
                }
                p = producer;
            }
        }
        return p;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Kafka could not take an event; the caller's state may be ahead of the topics. */
    public static final class PublishException extends RuntimeException {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

package io.transferlab.trainer.messaging;

import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.kafka.EventRecords;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.trainer.training.EventNotPublishedException;
import io.transferlab.trainer.training.JobEventSink;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes the trainer's events (job events to {@code transferlab.job-events}, keyed by job id; poison
 * messages to {@code transferlab.dead-letters}) with CloudEvents headers.
 * Idempotent producer with {@code acks=all}; every send waits for the broker's acknowledgement, so a
 * caller that goes on (commits an offset, reports a checkpoint) knows the event is durable.
 */
public class JobEventPublisher implements JobEventSink, AutoCloseable {
    public static final String SOURCE = "/transferlab/trainer";
    private static final long SEND_TIMEOUT_SECONDS = 60;

    private final KafkaProducer<String, byte[]> producer;

    public JobEventPublisher(KafkaClientConfig kafka, String clientId) {
        this.producer = new KafkaProducer<>(producerProperties(kafka, clientId), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** All kafka.* settings, this producer's own on top. */
    static Map<String, Object> producerProperties(KafkaClientConfig kafka, String clientId) {
        return kafka.acknowledgedProducer(clientId + "-events", 30_000, 15_000, 45_000);
    }

    /** Sends and waits for the acknowledgement; throws {@link PublishException} when the broker did not take it. */
    @Override
    public void publish(TransferLabEvent event) {
        try {
            producer.send(EventRecords.of(event, SOURCE)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while publishing " + describe(event), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishException("could not publish " + describe(event), e);
        }
    }

    private static String describe(TransferLabEvent event) {
        return event.getClass().getSimpleName() + " " + event.key();
    }

    @Override
    public void close() {
        producer.close();
    }

    /** The broker did not acknowledge an event. */
    public static class PublishException extends EventNotPublishedException {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

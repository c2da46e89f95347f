package io.transferlab.trainer.messaging;

import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.EventTypes;
import io.transferlab.contracts.events.TransferLabEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes the trainer's events (job events to {@code transferlab.job-events}, keyed by job id; poison
 * messages to {@code transferlab.dead-letters}) with CloudEvents headers.
 * Idempotent producer with {@code acks=all}; every send waits for the broker's acknowledgement, so a
 * caller that goes on (commits an offset, reports a checkpoint) knows the event is durable.
 */
public class JobEventPublisher implements AutoCloseable {
    public static final String SOURCE = "/transferlab/trainer";
    private static final long SEND_TIMEOUT_SECONDS = 60;

    private final KafkaProducer<String, byte[]> producer;

    public JobEventPublisher(KafkaClientConfig kafka, String clientId) {
        this.producer = new KafkaProducer<>(producerProperties(kafka, clientId), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** All kafka.* settings, this producer's own on top. */
    static Map<String, Object> producerProperties(KafkaClientConfig kafka, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-events");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 45_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return kafka.with(props);
    }

    /** Sends and waits for the acknowledgement; throws {@link PublishException} when the broker did not take it. */
    public void publish(TransferLabEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(EventTypes.of(event).topic(), event.key(),
                EventCodec.toJson(event));
        for (Map.Entry<String, String> header : EventCodec.headers(event, SOURCE).entrySet()) {
            record.headers().add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
        }
        try {
            producer.send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
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
    public static class PublishException extends RuntimeException {
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

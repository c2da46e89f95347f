package io.transferlab.trainer.messaging;

import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.kafka.AcknowledgedPublisher;
import io.transferlab.kafka.AnswerPublisher;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.kafka.PublishException;
import io.transferlab.trainer.training.EventNotPublishedException;
import io.transferlab.trainer.training.JobEventSink;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Publishes the trainer's events (job events to {@code transferlab.job-events}, keyed by job id; poison
 * messages to {@code transferlab.dead-letters}) with CloudEvents headers, through kafka-support's
 * {@link AcknowledgedPublisher}: every publish waits for the broker's acknowledgement, so a caller that goes
 * on (commits an offset, reports a checkpoint) knows the event is durable.
 */
public class JobEventPublisher implements JobEventSink, AutoCloseable {
    public static final String SOURCE = "/transferlab/trainer";
    /** How long a dead letter is retried before a minimal one stands in (well within the poll interval). */
    private static final Duration DEAD_LETTER_PATIENCE = Duration.ofSeconds(20);

    private final AcknowledgedPublisher publisher;
    private final AnswerPublisher answers;

    public JobEventPublisher(KafkaClientConfig kafka, String clientId) {
        this.publisher =
                new AcknowledgedPublisher(kafka, clientId + "-events", SOURCE, AcknowledgedPublisher.DEFAULT_TIMEOUT);
        this.answers = new AnswerPublisher(publisher, clientId, DEAD_LETTER_PATIENCE);
    }

    /** All kafka.* settings, this producer's own on top. */
    static Map<String, Object> producerProperties(KafkaClientConfig kafka, String clientId) {
        return kafka.acknowledgedProducer(clientId + "-events", AcknowledgedPublisher.DEFAULT_TIMEOUT);
    }

    /** Sends and waits for the acknowledgement; {@link EventNotPublishedException} when the broker did not take it. */
    @Override
    public void publish(TransferLabEvent event) {
        try {
            publisher.publish(event);
        } catch (PublishException e) {
            throw new EventNotPublishedException(e.getMessage(), e);
        }
    }

    /**
     * Dead-letters a record no job can be read from (bounded; minimal when the full one cannot be published).
     *
     * @throws PublishException when Kafka takes not even a minimal dead letter
     */
    public void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        answers.deadLetter(record, reason);
    }

    @Override
    public void close() {
        publisher.close();
    }
}

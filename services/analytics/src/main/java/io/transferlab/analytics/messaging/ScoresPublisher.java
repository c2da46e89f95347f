package io.transferlab.analytics.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.transferlab.analytics.service.ScoresSink;
import io.transferlab.contracts.events.TransferScoresComputed;
import io.transferlab.kafka.AcknowledgedPublisher;
import io.transferlab.kafka.AnswerPublisher;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.kafka.PublishException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Publishes scores on {@code transferlab.scores}, keyed by experiment id, with CloudEvents headers, through
 * kafka-support's {@link AcknowledgedPublisher} (acks=all, idempotent producer); a failure is reported to the
 * caller, which retries with the next batch.
 */
@ApplicationScoped
public class ScoresPublisher implements ScoresSink {
    public static final String SOURCE = "/transferlab/analytics";
    private static final Logger LOG = Logger.getLogger(ScoresPublisher.class);
    private static final String CLIENT_ID = "transferlab-analytics-scores";
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration DEAD_LETTER_PATIENCE = Duration.ofSeconds(20);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    MeterRegistry registry;

    private AcknowledgedPublisher publisher;
    private AnswerPublisher answers;

    @Override
    public synchronized boolean publish(TransferScoresComputed scores) {
        try {
            publisher().publish(scores);
            return true;
        } catch (PublishException e) {
            LOG.errorf(e, "could not publish scores of experiment %s; will retry", scores.experimentId());
            return false;
        }
    }

    /**
     * Dead-letters a record on the scores topic that is no score (no other service reads that topic, so the
     * analytics answers for it), bounded, and minimally when the whole one is refused or Kafka stays away for
     * {@link #DEAD_LETTER_PATIENCE}.
     *
     * @throws PublishException when not even a minimal dead letter could be published
     */
    public synchronized void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        if (answers == null) {
            answers = new AnswerPublisher(publisher(), CLIENT_ID, DEAD_LETTER_PATIENCE);
        }
        answers.deadLetter(record, reason);
    }

    private AcknowledgedPublisher publisher() {
        if (publisher == null) {
            publisher = new AcknowledgedPublisher(
                    new KafkaClientConfig(kafkaConfig).withMetrics(registry), CLIENT_ID, SOURCE, ACK_TIMEOUT);
        }
        return publisher;
    }

    Map<String, Object> producerProperties() {
        return producerProperties(new KafkaClientConfig(kafkaConfig));
    }

    /** All kafka.* settings, the scores producer's own on top. */
    static Map<String, Object> producerProperties(KafkaClientConfig kafka) {
        return kafka.acknowledgedProducer(CLIENT_ID, ACK_TIMEOUT);
    }

    @PreDestroy
    synchronized void close() {
        if (publisher != null) {
            publisher.close();
            publisher = null;
            answers = null;
        }
    }
}

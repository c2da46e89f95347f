package io.transferlab.analytics.messaging;

import io.smallrye.common.annotation.Identifier;
import io.transferlab.analytics.service.ScoresSink;
import io.transferlab.contracts.events.TransferScoresComputed;
import io.transferlab.kafka.EventRecords;
import io.transferlab.kafka.KafkaClientConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes scores on {@code transferlab.scores}, keyed by experiment id, with CloudEvents headers. Waits
 * for the broker's acknowledgement (acks=all, idempotent producer); a failure is reported to the caller,
 * which retries with the next batch.
 */
@ApplicationScoped
public class ScoresPublisher implements ScoresSink {
    public static final String SOURCE = "/transferlab/analytics";
    private static final Logger LOG = Logger.getLogger(ScoresPublisher.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private KafkaProducer<String, byte[]> producer;

    @Override
    public synchronized boolean publish(TransferScoresComputed scores) {
        try {
            producer().send(EventRecords.of(scores, SOURCE)).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            LOG.errorf(e, "could not publish scores of experiment %s; will retry", scores.experimentId());
            return false;
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerProperties(), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    Map<String, Object> producerProperties() {
        return producerProperties(new KafkaClientConfig(kafkaConfig));
    }

    /** All kafka.* settings, the scores producer's own on top. */
    static Map<String, Object> producerProperties(KafkaClientConfig kafka) {
        return kafka.acknowledgedProducer("transferlab-analytics-scores", 10_000, 10_000, 14_000);
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}

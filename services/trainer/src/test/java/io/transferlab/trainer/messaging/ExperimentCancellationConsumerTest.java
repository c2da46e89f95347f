package io.transferlab.trainer.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.ExperimentCancelled;
import io.transferlab.kafka.EventRecords;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.localstack.KafkaBroker;
import io.transferlab.trainer.training.CancelledExperiments;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trainer's cancellation watcher against a real broker that is away when the trainer starts: it keeps trying
 * (alive, not ready) instead of ending its thread; once the broker is back it is ready only after reading the
 * cancellations made before it started (a restarted trainer must not train a cancelled experiment's redelivered
 * job), and then sees new ones; a broker that goes away again later does not stop it either.
 */
class ExperimentCancellationConsumerTest {
    private static KafkaBroker kafka;

    @BeforeAll
    static void startBroker() {
        kafka = KafkaBroker.start();
        kafka.createTopics(Map.of(Topics.EXPERIMENT_EVENTS, 2));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void aBrokerAwayAtStartOrLaterIsWaitedForAndCancellationsAreSeenOnceItIsBack() throws Exception {
        publish(ExperimentCancelled.of("exp-before-start", "test"));
        kafka.stop();
        CancelledExperiments cancelled = new CancelledExperiments();
        KafkaClientConfig config = new KafkaClientConfig(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "default.api.timeout.ms", "3000",
                "request.timeout.ms", "2000",
                "reconnect.backoff.max.ms", "1000"));
        try (ExperimentCancellationConsumer watcher =
                new ExperimentCancellationConsumer(config, "cancellation-test", cancelled)) {
            watcher.start();

            // The broker is away for longer than every client timeout: still trying, not ready.
            await().during(Duration.ofSeconds(12))
                    .atMost(Duration.ofSeconds(20))
                    .until(watcher::isAlive);
            assertThat(watcher.isReady()).isFalse();

            kafka.restart();
            await().atMost(Duration.ofSeconds(90)).until(watcher::isReady);
            assertThat(cancelled.isCancelled("exp-before-start"))
                    .as("a cancellation made before the watcher started is known once it is ready")
                    .isTrue();
            publish(ExperimentCancelled.of("exp-after-start", "test"));
            await().atMost(Duration.ofSeconds(30)).until(() -> cancelled.isCancelled("exp-after-start"));

            // Away again, then back: the watcher lives on and keeps its place.
            kafka.stop();
            await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(15)).until(watcher::isAlive);
            kafka.restart();
            publish(ExperimentCancelled.of("exp-after-outage", "test"));
            await().atMost(Duration.ofSeconds(60)).until(() -> cancelled.isCancelled("exp-after-outage"));
            assertThat(watcher.isAlive()).isTrue();
        }
    }

    private static void publish(ExperimentCancelled event) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(EventRecords.of(event, "/test")).get(60, TimeUnit.SECONDS);
        }
    }
}

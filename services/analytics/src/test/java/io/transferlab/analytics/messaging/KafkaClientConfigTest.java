package io.transferlab.analytics.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.kafka.KafkaClientConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The consumer and the scores producer take all of Quarkus' kafka.* settings, their own on top; how the
 * shared settings merge is tested with io.transferlab.kafka.KafkaClientConfig.
 */
class KafkaClientConfigTest {
    /** As quarkus-kafka-client's default-kafka-broker map holds kafka.* (and the application name as group). */
    private static final KafkaClientConfig KAFKA = new KafkaClientConfig(Map.of(
            "bootstrap.servers",
            "broker:9093",
            "security.protocol",
            "SASL_SSL",
            "client.id",
            "from-config",
            "group.id",
            "transferlab-analytics"));

    @Test
    void consumerAndProducerCarryTheSharedSettings() {
        for (Map<String, Object> props :
                List.of(EventConsumer.consumerProperties(KAFKA), ScoresPublisher.producerProperties(KAFKA))) {
            assertThat(props)
                    .containsEntry("bootstrap.servers", "broker:9093")
                    .containsEntry("security.protocol", "SASL_SSL")
                    // The replaying consumer assigns its partitions itself: it must not join a group.
                    .doesNotContainKey("group.id");
        }
    }

    @Test
    void eachClientsOwnSettingsWin() {
        assertThat(EventConsumer.consumerProperties(KAFKA))
                .containsEntry("client.id", "transferlab-analytics")
                .containsEntry("enable.auto.commit", false);
        assertThat(ScoresPublisher.producerProperties(KAFKA))
                .containsEntry("client.id", "transferlab-analytics-scores")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("max.block.ms", 15_000)
                .containsEntry("request.timeout.ms", 7_500)
                .containsEntry("delivery.timeout.ms", 15_000);
        assertThat(KAFKA.bootstrapServers()).isEqualTo("broker:9093");
    }
}

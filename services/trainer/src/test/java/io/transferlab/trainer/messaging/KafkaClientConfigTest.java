package io.transferlab.trainer.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.kafka.KafkaClientConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The event producer and both consumers take all of Quarkus' kafka.* settings, their own on top; how the
 * shared settings merge is tested with io.transferlab.kafka.KafkaClientConfig.
 */
class KafkaClientConfigTest {
    /** As quarkus-kafka-client's default-kafka-broker map holds kafka.* (and the application name as group). */
    private static final KafkaClientConfig KAFKA = new KafkaClientConfig(Map.of(
            "bootstrap.servers",
            "broker:9093",
            "security.protocol",
            "SASL_SSL",
            "acks",
            "1",
            "group.id",
            "transferlab-trainer-app"));

    @Test
    void everyClientCarriesTheSharedSettings() {
        for (Map<String, Object> props : List.of(
                KafkaClientSettings.producer(KAFKA, "t1"),
                KafkaClientSettings.jobConsumer(KAFKA, "t1"),
                KafkaClientSettings.cancellationConsumer(KAFKA, "t1"))) {
            assertThat(props)
                    .containsEntry("bootstrap.servers", "broker:9093")
                    .containsEntry("security.protocol", "SASL_SSL");
        }
    }

    @Test
    void eachClientsOwnSettingsWin() {
        assertThat(KafkaClientSettings.producer(KAFKA, "t1"))
                .containsEntry("acks", "all")
                .containsEntry("client.id", "t1-events")
                .doesNotContainKey("group.id")
                .containsEntry("enable.idempotence", true)
                .containsEntry("max.block.ms", 30_000)
                .containsEntry("request.timeout.ms", 15_000)
                .containsEntry("delivery.timeout.ms", 30_000);
        assertThat(KafkaClientSettings.jobConsumer(KAFKA, "t1"))
                .containsEntry("group.id", JobConsumer.GROUP_ID)
                .containsEntry("max.poll.records", 1)
                .containsEntry("isolation.level", "read_committed");
        // Every trainer must see every cancellation: that consumer stays out of any group.
        assertThat(KafkaClientSettings.cancellationConsumer(KAFKA, "t1"))
                .doesNotContainKey("group.id")
                .containsEntry("isolation.level", "read_committed");
    }
}

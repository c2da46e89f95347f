package io.transferlab.coordinator.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every client takes all of Quarkus' kafka.* settings (the chart's security env), its own on top; how the
 * shared settings merge is tested with io.transferlab.kafka.KafkaClientConfig.
 */
class KafkaClientsTest {
    /** As quarkus-kafka-client's default-kafka-broker map holds kafka.* (and the application name as group). */
    private static final Map<String, Object> KAFKA = Map.of(
            "bootstrap.servers",
            "broker:9093",
            "security.protocol",
            "SASL_SSL",
            "acks",
            "1",
            "group.id",
            "transferlab-coordinator-app");

    private final KafkaClients clients =
            new KafkaClients(new io.transferlab.kafka.KafkaClientConfig(KAFKA), Duration.ofSeconds(30));

    @Test
    void producerConsumerAndAdminCarryTheSharedSettings() {
        for (Map<String, Object> props : List.of(
                clients.producerProperties(),
                clients.consumerProperties(KafkaClients.GROUP_ID),
                clients.consumerProperties(null),
                clients.adminProperties())) {
            assertThat(props)
                    .containsEntry("bootstrap.servers", "broker:9093")
                    .containsEntry("security.protocol", "SASL_SSL");
        }
        assertThat(clients.bootstrapServers()).isEqualTo("broker:9093");
    }

    @Test
    void clientSettingsWinAndOnlyGroupConsumersHaveAGroup() {
        assertThat(clients.producerProperties())
                .containsEntry("acks", "all")
                .doesNotContainKey("group.id")
                .containsEntry("client.id", "transferlab-coordinator")
                .containsEntry("enable.idempotence", true)
                .containsEntry("max.block.ms", 30_000)
                .containsEntry("request.timeout.ms", 15_000)
                .containsEntry("delivery.timeout.ms", 30_000);
        assertThat(clients.consumerProperties(KafkaClients.GROUP_ID)).containsEntry("group.id", KafkaClients.GROUP_ID);
        assertThat(clients.consumerProperties(null)).doesNotContainKey("group.id");
        assertThat(clients.adminProperties()).doesNotContainKey("group.id");
    }
}

package io.transferlab.coordinator.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every client takes all of Quarkus' kafka.* settings (the chart's security env), its own on top. */
class KafkaClientsTest {
    /** As quarkus-kafka-client's default-kafka-broker map holds kafka.* (and the application name as group). */
    private static final Map<String, Object> KAFKA = Map.of("bootstrap.servers", "broker:9093",
            "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "ssl.truststore.type", "PEM", "ssl.truststore.location", "/etc/transferlab/kafka-ca/ca.crt",
            "client.dns.lookup", "use_all_dns_ips", "acks", "1", "group.id", "transferlab-coordinator-app");

    private final KafkaClients clients = new KafkaClients(KAFKA);

    @Test
    void producerConsumerAndAdminCarryTheSharedSettings() {
        for (Map<String, Object> props : java.util.List.of(clients.producerProperties(),
                clients.consumerProperties(KafkaClients.GROUP_ID), clients.consumerProperties(null),
                clients.adminProperties())) {
            assertThat(props).containsEntry("bootstrap.servers", "broker:9093")
                    .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("sasl.jaas.config", KAFKA.get("sasl.jaas.config"))
                    .containsEntry("ssl.truststore.type", "PEM")
                    .containsEntry("ssl.truststore.location", "/etc/transferlab/kafka-ca/ca.crt")
                    .containsEntry("client.dns.lookup", "use_all_dns_ips");
        }
        assertThat(clients.bootstrapServers()).isEqualTo("broker:9093");
    }

    @Test
    void clientSettingsWinAndOnlyGroupConsumersHaveAGroup() {
        assertThat(clients.producerProperties()).containsEntry("acks", "all").doesNotContainKey("group.id");
        assertThat(clients.consumerProperties(KafkaClients.GROUP_ID))
                .containsEntry("group.id", KafkaClients.GROUP_ID);
        assertThat(clients.consumerProperties(null)).doesNotContainKey("group.id");
        assertThat(clients.adminProperties()).doesNotContainKey("group.id");
    }
}

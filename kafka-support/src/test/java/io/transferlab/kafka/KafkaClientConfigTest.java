package io.transferlab.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every client takes all of Quarkus' kafka.* settings (the chart's security env) but the group, its own on top. */
class KafkaClientConfigTest {
    /** As quarkus-kafka-client's default-kafka-broker map holds kafka.* (and the application name as group). */
    private static final Map<String, Object> SETTINGS = Map.of(
            "bootstrap.servers",
            "broker:9093",
            "security.protocol",
            "SASL_SSL",
            "sasl.mechanism",
            "SCRAM-SHA-512",
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "ssl.truststore.type",
            "PEM",
            "ssl.truststore.location",
            "/etc/transferlab/kafka-ca/ca.crt",
            "client.dns.lookup",
            "use_all_dns_ips",
            "acks",
            "1",
            "client.id",
            "from-config",
            "group.id",
            "transferlab-app");

    private static final KafkaClientConfig KAFKA = new KafkaClientConfig(SETTINGS);

    @Test
    void everyClientCarriesTheSharedSettingsButNotTheGroup() {
        for (Map<String, Object> props : List.of(
                KAFKA.with(Map.of()),
                KAFKA.with(Map.of("max.poll.records", 1)),
                KAFKA.acknowledgedProducer("p", Duration.ofSeconds(3)))) {
            assertThat(props)
                    .containsEntry("bootstrap.servers", "broker:9093")
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("sasl.jaas.config", SETTINGS.get("sasl.jaas.config"))
                    .containsEntry("ssl.truststore.type", "PEM")
                    .containsEntry("ssl.truststore.location", "/etc/transferlab/kafka-ca/ca.crt")
                    .containsEntry("client.dns.lookup", "use_all_dns_ips")
                    // A consumer without a group of its own (replay, cancellations) must not join one.
                    .doesNotContainKey("group.id");
        }
        assertThat(KAFKA.bootstrapServers()).isEqualTo("broker:9093");
    }

    @Test
    void eachClientsOwnSettingsWin() {
        assertThat(KAFKA.with(Map.of("group.id", "mine", "client.id", "me", "acks", "all")))
                .containsEntry("group.id", "mine")
                .containsEntry("client.id", "me")
                .containsEntry("acks", "all");
        // The shared settings are a copy: a client's own settings never leak into the next client.
        assertThat(KAFKA.with(Map.of()))
                .containsEntry("client.id", "from-config")
                .containsEntry("acks", "1");
    }

    @Test
    void anAcknowledgedProducerIsIdempotentWithAllAcksAndOneTimeout() {
        assertThat(KAFKA.acknowledgedProducer("transferlab-x", Duration.ofSeconds(20)))
                .containsEntry("client.id", "transferlab-x")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("linger.ms", 0)
                .containsEntry("max.block.ms", 20_000)
                .containsEntry("request.timeout.ms", 10_000)
                .containsEntry("delivery.timeout.ms", 20_000);
    }

    @Test
    void secretsNeverShowInToString() {
        KafkaClientConfig config = new KafkaClientConfig(Map.of(
                "bootstrap.servers",
                "broker:9093",
                "sasl.jaas.config",
                "ScramLoginModule required username=\"u\" password=\"hunter2\";",
                "ssl.truststore.password",
                "changeit",
                "ssl.key.password",
                "k3y",
                "security.protocol",
                "SASL_SSL"));

        assertThat(config.toString())
                .contains("broker:9093", "SASL_SSL")
                .doesNotContain("hunter2", "changeit", "k3y")
                .contains(KafkaClientConfig.REDACTED);
        assertThat(config.with(Map.of())).containsEntry("ssl.truststore.password", "changeit");
    }

    @Test
    void noBootstrapServersIsNull() {
        assertThat(new KafkaClientConfig(Map.of("security.protocol", "SSL")).bootstrapServers())
                .isNull();
    }
}

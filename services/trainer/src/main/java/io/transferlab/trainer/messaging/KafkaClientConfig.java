package io.transferlab.trainer.messaging;

import java.util.HashMap;
import java.util.Map;

/**
 * The settings every Kafka client of a trainer shares: all of Quarkus' {@code kafka.*}
 * configuration (bootstrap servers, security protocol, SASL, TLS truststore, ...; env {@code KAFKA_*}),
 * as the {@code default-kafka-broker} map of quarkus-kafka-client holds it, prefix stripped. Each client
 * puts its own settings (group id, acks, timeouts) on top. The group id is never shared: Quarkus fills
 * it with the application name, and a consumer without a group must stay without one.
 */
public final class KafkaClientConfig {
    private final Map<String, Object> common;

    public KafkaClientConfig(Map<String, ?> kafkaConfig) {
        this.common = new HashMap<>(kafkaConfig);
        this.common.remove("group.id");
    }

    /** The shared settings with {@code specific} applied on top, for a producer, consumer or admin. */
    public Map<String, Object> with(Map<String, ?> specific) {
        Map<String, Object> props = new HashMap<>(common);
        props.putAll(specific);
        return props;
    }

    public String bootstrapServers() {
        Object servers = common.get("bootstrap.servers");
        return servers == null ? null : servers.toString();
    }
}

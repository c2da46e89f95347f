package io.transferlab.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The settings every Kafka client of a service shares: all of Quarkus' {@code kafka.*}
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

    /**
     * A producer whose every send is durable before it is acknowledged: idempotent, {@code acks=all}, no
     * linger, with the given client id and timeouts (milliseconds), on top of the shared settings.
     */
    public Map<String, Object> acknowledgedProducer(String clientId, int maxBlockMs, int requestTimeoutMs,
            int deliveryTimeoutMs) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs);
        return with(props);
    }

    public String bootstrapServers() {
        Object servers = common.get("bootstrap.servers");
        return servers == null ? null : servers.toString();
    }
}

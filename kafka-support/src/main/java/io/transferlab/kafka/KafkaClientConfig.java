package io.transferlab.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The settings every Kafka client of a service shares: all of Quarkus' {@code kafka.*}
 * configuration (bootstrap servers, security protocol, SASL, TLS truststore, ...; env {@code KAFKA_*}),
 * as the {@code default-kafka-broker} map of quarkus-kafka-client holds it, prefix stripped. Each client
 * puts its own settings (group id, acks, timeouts) on top. The group id is never shared: Quarkus fills
 * it with the application name, and a consumer without a group must stay without one.
 * {@link #toString()} shows every setting but secrets (SASL JAAS config, passwords, keys).
 */
public final class KafkaClientConfig {
    static final String REDACTED = "<redacted>";
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
     * linger, with the given client id, on top of the shared settings. The one {@code timeout} bounds it:
     * blocking for metadata, delivery including retries, and (half of it) each request.
     */
    public Map<String, Object> acknowledgedProducer(String clientId, Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(2_000, timeout.toMillis()));
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis / 2);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
        return with(props);
    }

    /** A producer of string keys and byte values with exactly these properties. */
    public KafkaProducer<String, byte[]> newProducer(Map<String, Object> properties) {
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    /** A consumer of string keys and byte values with exactly these properties. */
    public KafkaConsumer<String, byte[]> newConsumer(Map<String, Object> properties) {
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public String bootstrapServers() {
        Object servers = common.get("bootstrap.servers");
        return servers == null ? null : servers.toString();
    }

    @Override
    public String toString() {
        return "KafkaClientConfig" + redacted(common);
    }

    /** The settings with every secret's value replaced, for logs and error messages. */
    public static Map<String, Object> redacted(Map<String, ?> settings) {
        Map<String, Object> shown = new TreeMap<>();
        settings.forEach((key, value) -> shown.put(key, isSecret(key) ? REDACTED : value));
        return shown;
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.endsWith(".key")
                || k.contains("credentials") || k.contains("token");
    }
}

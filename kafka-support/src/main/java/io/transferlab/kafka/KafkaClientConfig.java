package io.transferlab.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
    public static final String REDACTED = "<redacted>";
    private final Map<String, Object> common;
    private final ClientMetrics metrics;

    public KafkaClientConfig(Map<String, ?> kafkaConfig) {
        this(kafkaConfig, null);
    }

    private KafkaClientConfig(Map<String, ?> kafkaConfig, ClientMetrics metrics) {
        this.common = new HashMap<>(kafkaConfig);
        this.common.remove("group.id");
        this.metrics = metrics;
    }

    /**
     * The same settings, and every client built by {@link #newProducer} / {@link #newConsumer} has Micrometer's
     * {@code KafkaClientMetrics} bound in {@code registry} ({@code kafka.producer.*}, {@code kafka.consumer.*},
     * tagged with the client id).
     */
    public KafkaClientConfig withMetrics(MeterRegistry registry) {
        return new KafkaClientConfig(common, new ClientMetrics(registry));
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

    /**
     * {@link #acknowledgedProducer} with a transactional id: every earlier producer with that id is fenced
     * when this one starts. A transaction left open (its producer frozen or gone) is aborted after at most a
     * minute, or at once when the next producer with the id starts.
     */
    public Map<String, Object> fencingProducer(String clientId, String transactionalId, Duration timeout) {
        Map<String, Object> props = acknowledgedProducer(clientId, timeout);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        return props;
    }

    /** A producer of string keys and byte values with exactly these properties. */
    public KafkaProducer<String, byte[]> newProducer(Map<String, Object> properties) {
        KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        if (metrics != null) {
            metrics.bind(
                    "producer " + properties.get(ProducerConfig.CLIENT_ID_CONFIG), new KafkaClientMetrics(producer));
        }
        return producer;
    }

    /** A consumer of string keys and byte values with exactly these properties. */
    public KafkaConsumer<String, byte[]> newConsumer(Map<String, Object> properties) {
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        if (metrics != null) {
            metrics.bind(
                    "consumer " + properties.get(ConsumerConfig.CLIENT_ID_CONFIG), new KafkaClientMetrics(consumer));
        }
        return consumer;
    }

    /**
     * The metric binders of one registry, one per kind and client id: a client built again under the same id
     * (a rebuilt consumer) replaces the binder of its predecessor instead of piling up meters.
     */
    private static final class ClientMetrics {
        private final MeterRegistry registry;
        private final Map<String, KafkaClientMetrics> byClientId = new HashMap<>();

        ClientMetrics(MeterRegistry registry) {
            this.registry = registry;
        }

        synchronized void bind(String clientId, KafkaClientMetrics binder) {
            KafkaClientMetrics previous = byClientId.put(clientId, binder);
            if (previous != null) {
                previous.close();
            }
            binder.bindTo(registry);
        }
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
        return k.contains("password")
                || k.contains("jaas")
                || k.contains("secret")
                || k.endsWith(".key")
                || k.contains("credentials")
                || k.contains("token");
    }
}

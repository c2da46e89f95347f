package io.transferlab.coordinator.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.transferlab.coordinator.config.CoordinatorConfig;
import io.transferlab.kafka.AcknowledgedPublisher;
import io.transferlab.kafka.KafkaClientConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Builds the coordinator's Kafka clients from all of Quarkus' {@code kafka.*} configuration
 * ({@link KafkaClientConfig}), each client's own settings on top.
 */
@ApplicationScoped
public class KafkaClients {
    public static final String GROUP_ID = "transferlab-coordinator";
    /** One per deployment: every coordinator's decisions go through a producer with this transactional id. */
    static final String DECISIONS_TRANSACTIONAL_ID = "transferlab-coordinator-decisions";

    static final String STATE_TRANSACTIONAL_ID = "transferlab-coordinator-state";

    private final KafkaClientConfig config;
    private final Duration publishTimeout;

    @Inject
    public KafkaClients(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            CoordinatorConfig coordinator,
            MeterRegistry registry) {
        this(new KafkaClientConfig(kafkaConfig).withMetrics(registry), coordinator.publishTimeout());
    }

    KafkaClients(KafkaClientConfig config, Duration publishTimeout) {
        this.config = config;
        this.publishTimeout = publishTimeout;
    }

    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    /** Idempotent, acknowledged by every in-sync replica: nothing is published "fire and forget". */
    public AcknowledgedPublisher publisher() {
        return new AcknowledgedPublisher(config, GROUP_ID, EventPublisher.SOURCE, publishTimeout);
    }

    /**
     * The leader's publisher of its decisions: acknowledged like every publish, and fencing. Made on each
     * election, it shuts out the publisher of any earlier leader (one frozen past its session and not yet
     * aware it was deposed), whose decisions then never reach a {@code read_committed} reader.
     */
    public AcknowledgedPublisher decisionPublisher() {
        return AcknowledgedPublisher.fencing(
                config, GROUP_ID + "-decisions", DECISIONS_TRANSACTIONAL_ID, EventPublisher.SOURCE, publishTimeout);
    }

    /** The producer of the state topic's snapshots: acknowledged like every publish, fencing like the decisions. */
    public KafkaProducer<String, byte[]> stateProducer() {
        return config.newProducer(config.fencingProducer(GROUP_ID + "-state", STATE_TRANSACTIONAL_ID, publishTimeout));
    }

    Map<String, Object> producerProperties() {
        return config.acknowledgedProducer(GROUP_ID, publishTimeout);
    }

    /**
     * A consumer; with a group id it commits the request offsets, without one it only reads
     * (the replay of the state topics).
     */
    public KafkaConsumer<String, byte[]> consumer(String groupId) {
        return config.newConsumer(consumerProperties(groupId));
    }

    Map<String, Object> consumerProperties(String groupId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        } else {
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, GROUP_ID + "-replay");
        }
        return config.with(props);
    }

    public Map<String, Object> adminProperties() {
        return config.with(Map.of("request.timeout.ms", 15_000, "default.api.timeout.ms", 30_000));
    }
}

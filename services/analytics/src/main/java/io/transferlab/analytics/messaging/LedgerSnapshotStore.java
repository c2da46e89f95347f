package io.transferlab.analytics.messaging;

import io.smallrye.common.annotation.Identifier;
import io.transferlab.analytics.ledger.Anomaly;
import io.transferlab.analytics.ledger.LedgerSnapshot;
import io.transferlab.contracts.Topics;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.kafka.StateTopic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The analytics' snapshots on the compacted {@code transferlab.analytics-state} topic, so that a restart
 * reads only the events written after them. Keys: {@code experiment/<id>} (a {@link LedgerSnapshot}),
 * {@code unattributed} (anomalies without an experiment) and the offsets up to which every event is in the
 * snapshots, written last ({@link StateTopic}).
 */
@ApplicationScoped
public class LedgerSnapshotStore {
    static final String EXPERIMENT_PREFIX = "experiment/";
    static final String UNATTRIBUTED = "unattributed";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Anomalies of messages without an experiment id, as stored. */
    public record Unattributed(List<Anomaly> anomalies) {}

    /** What the state topic held. */
    public record Loaded(List<LedgerSnapshot> ledgers, List<Anomaly> unattributed, StateTopic.Offsets offsets) {}

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private StateTopic.Writer writer;

    /** Creates the state topic when missing (compacted, as TopicPolicy says), then reads it. */
    public Loaded load() {
        KafkaClientConfig kafka = new KafkaClientConfig(kafkaConfig);
        StateTopic.ensureExists(
                kafka.with(Map.of("request.timeout.ms", 15_000, "default.api.timeout.ms", 30_000)),
                Topics.ANALYTICS_STATE,
                TIMEOUT);
        StateTopic.Snapshot snapshot;
        try (KafkaConsumer<String, byte[]> consumer = kafka.newConsumer(EventConsumer.consumerProperties(kafka))) {
            snapshot = StateTopic.readSnapshot(consumer, Topics.ANALYTICS_STATE);
        }
        StateTopic.Restore restore = new StateTopic.Restore(Topics.ANALYTICS_STATE, snapshot);
        List<LedgerSnapshot> ledgers = restore.values(EXPERIMENT_PREFIX, LedgerSnapshot.class);
        Unattributed unattributed = restore.value(UNATTRIBUTED, Unattributed.class);
        return new Loaded(ledgers, unattributed == null ? List.of() : unattributed.anomalies(), restore.offsets());
    }

    /** Writes the changed ledgers and the unattributed anomalies, then the positions they cover. */
    public synchronized void write(
            List<LedgerSnapshot> ledgers, List<Anomaly> unattributed, Map<TopicPartition, Long> positions) {
        Map<String, byte[]> records = new LinkedHashMap<>();
        ledgers.forEach(l -> records.put(EXPERIMENT_PREFIX + l.experimentId(), StateTopic.encode(l)));
        records.put(UNATTRIBUTED, StateTopic.encode(new Unattributed(unattributed)));
        if (writer == null) {
            KafkaClientConfig kafka = new KafkaClientConfig(kafkaConfig);
            writer = new StateTopic.Writer(
                    () -> kafka.newProducer(kafka.acknowledgedProducer("transferlab-analytics-state", TIMEOUT)),
                    Topics.ANALYTICS_STATE,
                    TIMEOUT);
        }
        writer.write(records, positions);
    }

    public synchronized void close() {
        if (writer != null) {
            writer.close();
        }
    }
}

package io.transferlab.coordinator.messaging;

import io.transferlab.contracts.Topics;
import io.transferlab.coordinator.tracking.CoordinatorEngine;
import io.transferlab.coordinator.tracking.ExperimentSnapshot;
import io.transferlab.coordinator.tracking.RejectionsSnapshot;
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
 * The coordinator's snapshots on the compacted {@code transferlab.coordinator-state} topic, so that a
 * restart replays only the events written after them. Keys: {@code experiment/<id>} (an
 * {@link ExperimentSnapshot}), {@code rejections} (a {@link RejectionsSnapshot}) and the positions in the
 * state topics up to which every event is in the snapshots, written last ({@link StateTopic}).
 */
@ApplicationScoped
public class StateSnapshotStore {
    static final String EXPERIMENT_PREFIX = "experiment/";
    static final String REJECTIONS = "rejections";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What the state topic held: the latest snapshot of every experiment, the rejections, the offsets. */
    public record Loaded(
            List<ExperimentSnapshot> experiments, RejectionsSnapshot rejections, StateTopic.Offsets offsets) {}

    @Inject
    KafkaClients clients;

    private StateTopic.Writer writer;

    public Loaded load() {
        StateTopic.Snapshot snapshot;
        try (KafkaConsumer<String, byte[]> consumer = clients.consumer(null)) {
            snapshot = StateTopic.readSnapshot(consumer, Topics.COORDINATOR_STATE);
        }
        StateTopic.Restore restore = new StateTopic.Restore(Topics.COORDINATOR_STATE, snapshot);
        List<ExperimentSnapshot> experiments = restore.values(EXPERIMENT_PREFIX, ExperimentSnapshot.class);
        RejectionsSnapshot rejections = restore.value(REJECTIONS, RejectionsSnapshot.class);
        return new Loaded(experiments, rejections, restore.offsets());
    }

    /**
     * Starts a fresh writer now, on election: its transactional producer fences the writer of any earlier
     * leader, before this one reads the snapshots.
     */
    public synchronized void fence() {
        close();
        writer = new StateTopic.Writer(clients::stateProducer, Topics.COORDINATOR_STATE, TIMEOUT, true);
        writer.open();
    }

    /** Writes what changed, then the positions the state now covers, as one transaction. */
    public synchronized void write(CoordinatorEngine.SnapshotChanges changes, Map<TopicPartition, Long> positions) {
        Map<String, byte[]> records = new LinkedHashMap<>();
        changes.experiments().forEach(e -> records.put(EXPERIMENT_PREFIX + e.experimentId(), StateTopic.encode(e)));
        changes.rejections().ifPresent(r -> records.put(REJECTIONS, StateTopic.encode(r)));
        if (writer == null) {
            writer = new StateTopic.Writer(clients::stateProducer, Topics.COORDINATOR_STATE, TIMEOUT, true);
        }
        writer.write(records, positions);
    }

    public synchronized void close() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }
}

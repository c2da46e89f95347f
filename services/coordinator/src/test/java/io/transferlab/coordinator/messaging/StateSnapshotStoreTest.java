package io.transferlab.coordinator.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.Topics;
import io.transferlab.coordinator.tracking.CoordinatorEngine;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.localstack.LocalStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The state topic against a real broker: the latest offsets and snapshots win, the offsets come last. */
class StateSnapshotStoreTest {
    private static final TopicPartition JOBS_0 = new TopicPartition(Topics.JOB_EVENTS, 0);
    private static final TopicPartition JOBS_1 = new TopicPartition(Topics.JOB_EVENTS, 1);
    private static KafkaClients clients;

    @BeforeAll
    static void broker() throws InterruptedException {
        KafkaClientConfig kafka = new KafkaClientConfig(
                Map.of("bootstrap.servers", LocalStack.kafka().bootstrapServers()));
        clients = new KafkaClients(kafka, Duration.ofSeconds(30));
        TopicInitializer topics = new TopicInitializer();
        topics.clients = clients;
        topics.ensureTopics();
    }

    @Test
    void aLoadSeesTheLatestOffsetsWritten() {
        StateSnapshotStore store = new StateSnapshotStore();
        store.clients = clients;
        CoordinatorEngine.SnapshotChanges nothing = new CoordinatorEngine.SnapshotChanges(List.of(), Optional.empty());
        try {
            store.write(nothing, Map.of(JOBS_0, 5L, JOBS_1, 7L));
            store.write(nothing, Map.of(JOBS_0, 50L, JOBS_1, 70L));

            StateSnapshotStore.Loaded loaded = store.load();

            assertThat(loaded.offsets().of(JOBS_0)).isEqualTo(50L);
            assertThat(loaded.offsets().of(JOBS_1)).isEqualTo(70L);
            assertThat(loaded.offsets().of(new TopicPartition(Topics.JOB_EVENTS, 2)))
                    .isNull();
            assertThat(loaded.experiments()).isEmpty();
        } finally {
            store.close();
        }
    }
}

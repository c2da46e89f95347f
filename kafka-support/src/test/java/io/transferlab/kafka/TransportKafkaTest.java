package io.transferlab.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transferlab.contracts.CloudEventHeaders;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.DeadLettered;
import io.transferlab.contracts.events.ExperimentCancelled;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.localstack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared transport against a real broker (KRaft, a child process from local-stack). */
class TransportKafkaTest {
    private static KafkaClientConfig kafka;
    private static AcknowledgedPublisher publisher;

    @BeforeAll
    static void broker() {
        LocalStack.kafka().createTopics(Topics.ALL.stream().collect(Collectors.toMap(t -> t, t -> 3)));
        kafka = new KafkaClientConfig(
                Map.of("bootstrap.servers", LocalStack.kafka().bootstrapServers()));
        publisher = new AcknowledgedPublisher(kafka, "transport-test", "/test", Duration.ofSeconds(10));
    }

    @AfterAll
    static void close() {
        publisher.close();
    }

    private static KafkaConsumer<String, byte[]> reader() {
        return kafka.newConsumer(kafka.with(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)));
    }

    /** Everything now on the topics, read by a replay. */
    private static List<ConsumerRecord<String, byte[]>> replay(String... topics) {
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = reader()) {
            TopicReplay.replay(consumer, List.of(topics), Duration.ofMillis(100), () -> true, seen::add);
        }
        return seen;
    }

    private static List<TransferLabEvent> events(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> RecordInspector.event(r, 0)).toList();
    }

    @Test
    void publishedEventsAreAcknowledgedAndAReplayReadsThemAllUpToTheEnd() {
        String exp = "transport-" + UUID.randomUUID();
        List<ExperimentCancelled> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(new ExperimentCancelled(null, null, 0, exp + "-" + i, "reason " + i));
        }

        publisher.publish(sent);

        List<ConsumerRecord<String, byte[]>> records = replay(Topics.EXPERIMENT_EVENTS);
        assertThat(events(records)).containsAll(sent);
        ConsumerRecord<String, byte[]> one = records.stream()
                .filter(r -> (exp + "-3").equals(r.key()))
                .findFirst()
                .orElseThrow();
        assertThat(RecordInspector.headers(one))
                .containsEntry(CloudEventHeaders.SOURCE, "/test")
                .containsEntry(CloudEventHeaders.SUBJECT, exp + "-3");
    }

    @Test
    void aReplayStopsAtTheEndItSawWhenItStarted() {
        try (KafkaConsumer<String, byte[]> consumer = reader()) {
            publisher.publish(new ExperimentCancelled(null, null, 0, "before-" + UUID.randomUUID(), "r"));
            List<TopicPartition> partitions =
                    TopicReplay.requiredPartitions(consumer, List.of(Topics.EXPERIMENT_EVENTS));
            Map<TopicPartition, Long> end = TopicReplay.fromBeginning(consumer, partitions);
            publisher.publish(new ExperimentCancelled(null, null, 0, "after-" + UUID.randomUUID(), "r"));

            assertThat(consumer.assignment()).containsExactlyInAnyOrderElementsOf(partitions);
            assertThat(TopicReplay.caughtUp(consumer, end))
                    .isEqualTo(end.values().stream().allMatch(e -> e == 0));
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            assertThat(total).isPositive();
        }
        assertThatThrownBy(() -> {
                    try (KafkaConsumer<String, byte[]> consumer = reader()) {
                        TopicReplay.requiredPartitions(
                                consumer, List.of("transport-no-such-topic-" + UUID.randomUUID()));
                    }
                })
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no partitions");
    }

    @Test
    void aRecordKafkaRefusesIsOnePublishExceptionThatSaysSo() {
        byte[] huge = new byte[2 * 1024 * 1024];

        assertThatThrownBy(() -> publisher.send(List.of(new ProducerRecord<>(Topics.DEAD_LETTERS, "k", huge))))
                .isInstanceOfSatisfying(
                        PublishException.class,
                        e -> assertThat(e.recordRefused()).isTrue());
    }

    @Test
    void anAnswerKafkaRefusesIsReplacedByAMinimalDeadLetterAndTheRecordSkipped() {
        AnswerPublisher answers = new AnswerPublisher(publisher, "transport-test", Duration.ofSeconds(5));
        String key = "poison-" + UUID.randomUUID();
        ConsumerRecord<String, byte[]> poison = new ConsumerRecord<>(
                Topics.EXPERIMENT_REQUESTS, 1, 99L, key, "{\"seeds\":[]}".getBytes(StandardCharsets.UTF_8));
        // An answer above the broker's 1 MB limit, as an unbounded rejection once was.
        ExperimentCancelled tooLarge = new ExperimentCancelled(null, null, 0, "exp-x", "x".repeat(2_000_000));

        assertThat(answers.answer(poison, List.of(tooLarge))).isEqualTo(AnswerPublisher.Outcome.SKIPPED);
        assertThat(answers.deadLetter(poison, "unreadable")).isEqualTo(AnswerPublisher.Outcome.ANSWERED);

        List<DeadLettered> letters = events(replay(Topics.DEAD_LETTERS)).stream()
                .map(DeadLettered.class::cast)
                .filter(d -> key.equals(d.originalKey()))
                .toList();
        assertThat(letters).hasSize(2);
        assertThat(letters).anySatisfy(d -> {
            assertThat(d.reason()).contains("could not be published").contains("skipped");
            assertThat(d.payload()).isNull();
            assertThat(d.originalOffset()).isEqualTo(99L);
            assertThat(d.consumer()).isEqualTo("transport-test");
        });
        assertThat(letters).anySatisfy(d -> {
            assertThat(d.reason()).isEqualTo("unreadable");
            assertThat(d.payload()).isEqualTo("{\"seeds\":[]}");
        });
        assertThat(EventCodec.toJson(letters.get(0)).length).isLessThan(100_000);
    }

    @Test
    void aFencingPublisherShutsOutItsPredecessorWhoseLaterPublishesNobodySees() {
        String transactionalId = "transport-fencing-" + UUID.randomUUID();
        String exp = "fencing-" + UUID.randomUUID();
        Duration timeout = Duration.ofSeconds(10);
        try (AcknowledgedPublisher first =
                AcknowledgedPublisher.fencing(kafka, "first", transactionalId, "/test", timeout)) {
            first.publish(new ExperimentCancelled(null, null, 0, exp, "first, while it leads"));
            // A refused record aborts only its own transaction: the publisher goes on.
            assertThatThrownBy(() -> first.send(
                            List.of(new ProducerRecord<>(Topics.EXPERIMENT_EVENTS, exp, new byte[2 * 1024 * 1024]))))
                    .isInstanceOfSatisfying(
                            PublishException.class,
                            e -> assertThat(e.recordRefused()).isTrue());
            first.publish(new ExperimentCancelled(null, null, 0, exp, "first, after a refused record"));

            try (AcknowledgedPublisher second =
                    AcknowledgedPublisher.fencing(kafka, "second", transactionalId, "/test", timeout)) {
                assertThatThrownBy(() -> first.publish(new ExperimentCancelled(null, null, 0, exp, "first, fenced")))
                        .isInstanceOf(FencedException.class);
                assertThatThrownBy(() -> first.publish(new ExperimentCancelled(null, null, 0, exp, "first, again")))
                        .isInstanceOf(FencedException.class);
                second.publish(new ExperimentCancelled(null, null, 0, exp, "second"));
            }
        }

        List<ConsumerRecord<String, byte[]>> committed = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.newConsumer(kafka.with(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed")))) {
            TopicReplay.replay(
                    consumer, List.of(Topics.EXPERIMENT_EVENTS), Duration.ofMillis(100), () -> true, committed::add);
        }
        assertThat(committed.stream()
                        .filter(r -> exp.equals(r.key()))
                        .map(r -> RecordInspector.event(r, 0))
                        .map(e -> ((ExperimentCancelled) e).reason())
                        .toList())
                .containsExactly("first, while it leads", "first, after a refused record", "second");
    }
}

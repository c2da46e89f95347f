package io.transferlab.trainer.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.DeadLettered;
import io.transferlab.contracts.model.Half;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.localstack.KafkaBroker;
import io.transferlab.trainer.support.Jobs;
import io.transferlab.trainer.training.JobOutcomeKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A poison record on {@code transferlab.training-jobs} whose dead letter Kafka will not take, against a real
 * broker of its own (its dead-letter topic's {@code max.message.bytes} is the lever): the trainer's job
 * consumer reads the record again only after a wait that doubles (never a hot loop), and once a minimal dead
 * letter fits it skips the record with it (the full one, carrying the 50 KB payload, is still refused), commits
 * past it and takes the job behind it.
 */
class JobConsumerPoisonTest {
    private static final int POISON_BYTES = 50_000;
    private static KafkaBroker kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = KafkaBroker.start();
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(
                            new NewTopic(Topics.TRAINING_JOBS, 1, (short) 1),
                            new NewTopic(Topics.DEAD_LETTERS, 1, (short) 1)
                                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "100"))))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    /** The trainer's publisher, counting how often the consumer asked it to dead-letter a record. */
    private static final class CountingPublisher extends JobEventPublisher {
        final AtomicInteger attempts = new AtomicInteger();

        CountingPublisher(KafkaClientConfig kafka) {
            super(kafka, "poison-test");
        }

        @Override
        public void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
            attempts.incrementAndGet();
            super.deadLetter(record, reason);
        }
    }

    @Test
    void aPoisonRecordWhoseDeadLetterIsRefusedIsRetriedWithBackoffThenSkippedWithAMinimalDeadLetter() throws Exception {
        KafkaClientConfig config = new KafkaClientConfig(Map.of("bootstrap.servers", kafka.bootstrapServers()));
        String poisonKey = "poison-" + UUID.randomUUID();
        RecordMetadata poison = sendPoison(poisonKey);
        String jobId = Jobs.baseJobId("after-poison", Half.A);
        try (Jobs jobs = new Jobs(kafka.bootstrapServers())) {
            jobs.submit("after-poison", jobId, Jobs.base(Half.A, 1, 10));
        }
        List<String> taken = new CopyOnWriteArrayList<>();
        try (CountingPublisher publisher = new CountingPublisher(config);
                JobConsumer consumer = new JobConsumer(
                        config,
                        "poison-test",
                        1,
                        (job, released, computed) -> {
                            taken.add(job.jobId());
                            return JobOutcomeKind.COMPLETED;
                        },
                        publisher,
                        () -> true)) {
            consumer.start();

            // Nothing fits the dead-letter topic: the record is tried again, each time after a longer wait.
            await().atMost(Duration.ofSeconds(60)).until(() -> publisher.attempts.get() >= 2);
            int before = publisher.attempts.get();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> taken.isEmpty());
            assertThat(publisher.attempts.get() - before)
                    .as("attempts in two seconds (a hot loop makes hundreds)")
                    .isLessThanOrEqualTo(2);

            // Room for a minimal dead letter, not for the full one with the payload: skipped with the minimal one.
            allowDeadLettersUpTo(4096);
            await().atMost(Duration.ofSeconds(90)).until(() -> taken.contains(jobId));
            DeadLettered letter = deadLetterOf(poison);
            assertThat(letter.payload()).as("payload of a minimal dead letter").isNull();
            assertThat(letter.originalKey()).isEqualTo(poisonKey);
            assertThat(letter.payloadBytes()).isEqualTo((long) POISON_BYTES);
            assertThat(letter.payloadSha256()).hasSize(64);
            assertThat(taken).containsExactly(jobId);
        }
        assertThat(committed()).as("committed offset of the trainers' group").isGreaterThan(poison.offset());
    }

    private static RecordMetadata sendPoison(String key) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            byte[] body = ("{not json " + "x".repeat(POISON_BYTES))
                    .substring(0, POISON_BYTES)
                    .getBytes(StandardCharsets.UTF_8);
            return producer.send(new ProducerRecord<>(Topics.TRAINING_JOBS, key, body))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static void allowDeadLettersUpTo(int bytes) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.DEAD_LETTERS);
        Map<ConfigResource, Collection<AlterConfigOp>> change = Map.of(
                topic,
                List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(bytes)),
                        AlterConfigOp.OpType.SET)));
        try (Admin admin = kafka.admin()) {
            admin.incrementalAlterConfigs(change).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** The only dead letter of that record. */
    private static DeadLettered deadLetterOf(RecordMetadata where) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<DeadLettered> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(Topics.DEAD_LETTERS, 0)));
            consumer.seekToBeginning(consumer.assignment());
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(r -> letters.add(EventCodec.fromJson(r.value(), DeadLettered.class)));
                return !letters.isEmpty();
            });
            consumer.poll(Duration.ofSeconds(1))
                    .forEach(r -> letters.add(EventCodec.fromJson(r.value(), DeadLettered.class)));
        }
        assertThat(letters)
                .hasSize(1)
                .allSatisfy(d -> assertThat(d.originalOffset()).isEqualTo(where.offset()));
        return letters.get(0);
    }

    private static long committed() throws Exception {
        return TrainerGroupOffsets.committed(kafka);
    }
}

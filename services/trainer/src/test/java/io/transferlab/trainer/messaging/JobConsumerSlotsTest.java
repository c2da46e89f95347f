package io.transferlab.trainer.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.TrainingJobRequested;
import io.transferlab.contracts.model.Half;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.localstack.KafkaBroker;
import io.transferlab.trainer.support.Jobs;
import io.transferlab.trainer.training.JobOutcomeKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Job slots against a real broker (one partition, one slot): a job holds its slot while it computes; once it
 * says it has computed, the next job takes the slot while it finishes its I/O; never more than twice the slots
 * are in flight; and the partition's offset is committed only past jobs that all ended.
 */
class JobConsumerSlotsTest {
    private static KafkaBroker kafka;
    private static JobEventPublisher publisher;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = KafkaBroker.start();
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(
                            new NewTopic(Topics.TRAINING_JOBS, 1, (short) 1),
                            new NewTopic(Topics.DEAD_LETTERS, 1, (short) 1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
        publisher = new JobEventPublisher(config(), "slots-test");
    }

    @AfterAll
    static void stopBroker() {
        if (publisher != null) {
            publisher.close();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    /** A handler whose jobs wait for the test: each says it computed (or not) and ends when released. */
    private static final class Handler implements JobConsumer.JobHandler {
        final List<String> taken = new CopyOnWriteArrayList<>();
        final List<String> ended = new CopyOnWriteArrayList<>();
        final Map<String, CountDownLatch> finish = new ConcurrentHashMap<>();
        final Map<String, Boolean> computesEarly;

        Handler(Map<String, Boolean> computesEarly) {
            this.computesEarly = computesEarly;
            computesEarly.keySet().forEach(id -> finish.put(id, new CountDownLatch(1)));
        }

        @Override
        public JobOutcomeKind run(TrainingJobRequested job, BooleanSupplier released, Runnable computed) {
            taken.add(job.jobId());
            if (computesEarly.get(job.jobId())) {
                computed.run();
            }
            try {
                finish.get(job.jobId()).await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ended.add(job.jobId());
            return JobOutcomeKind.COMPLETED;
        }

        void end(String jobId) {
            finish.get(jobId).countDown();
        }
    }

    @Test
    void aJobThatHasComputedLeavesItsSlotToTheNextAndAComputingJobKeepsIt() throws Exception {
        String first = "slots-1.first";
        String second = "slots-1.second";
        String third = "slots-1.third";
        long start = committed();
        submit("slots-1", first, second, third);
        Handler handler = new Handler(Map.of(first, true, second, false, third, false));
        try (JobConsumer consumer = consumer(handler)) {
            consumer.start();

            // the first computed and now only finishes: the second takes the slot beside it
            await().atMost(Duration.ofSeconds(60)).until(() -> handler.taken.contains(second));
            assertThat(handler.ended).isEmpty();
            // the second computes: the slot is its own, the third waits
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> handler.taken.size() == 2);

            handler.end(second);
            await().atMost(Duration.ofSeconds(30)).until(() -> handler.taken.contains(third));
            // the first is still in flight: nothing may be committed past it
            assertThat(committed()).isEqualTo(start);

            handler.end(first);
            handler.end(third);
            await().atMost(Duration.ofSeconds(30)).until(() -> committed() == start + 3);
        }
        assertThat(handler.taken).containsExactly(first, second, third);
    }

    @Test
    void noMoreThanTwiceTheSlotsAreInFlightWhileJobsFinish() throws Exception {
        String first = "slots-2.first";
        String second = "slots-2.second";
        String third = "slots-2.third";
        long start = committed();
        submit("slots-2", first, second, third);
        Handler handler = new Handler(Map.of(first, true, second, true, third, true));
        try (JobConsumer consumer = consumer(handler)) {
            consumer.start();

            await().atMost(Duration.ofSeconds(60)).until(() -> handler.taken.contains(second));
            // both computed, neither ended: two in flight on one slot is the bound
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> handler.taken.size() == 2);

            handler.end(second);
            await().atMost(Duration.ofSeconds(30)).until(() -> handler.taken.contains(third));
            handler.end(third);
            handler.end(first);
            await().atMost(Duration.ofSeconds(30)).until(() -> committed() == start + 3);
        }
    }

    private static KafkaClientConfig config() {
        return new KafkaClientConfig(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    private static JobConsumer consumer(Handler handler) {
        return new JobConsumer(config(), "slots-test", 1, handler, publisher, () -> true);
    }

    private static void submit(String experimentId, String... jobIds) {
        try (Jobs jobs = new Jobs(kafka.bootstrapServers())) {
            for (String jobId : jobIds) {
                jobs.submit(experimentId, jobId, Jobs.base(Half.A, 1, 10));
            }
        }
    }

    private static long committed() throws Exception {
        try (Admin admin = kafka.admin()) {
            var offsets = admin.listConsumerGroupOffsets(JobConsumer.GROUP_ID)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            var offset = offsets.get(new TopicPartition(Topics.TRAINING_JOBS, 0));
            return offset == null ? 0 : offset.offset();
        }
    }
}

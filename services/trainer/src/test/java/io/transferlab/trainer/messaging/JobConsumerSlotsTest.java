package io.transferlab.trainer.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.TrainingJobRequested;
import io.transferlab.contracts.model.Half;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.localstack.KafkaBroker;
import io.transferlab.trainer.support.Jobs;
import io.transferlab.trainer.training.ComputeSlot;
import io.transferlab.trainer.training.JobOutcomeKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Job slots against a real broker (one partition, one slot): a job computes only while it holds the slot; once
 * it gives the slot back, the next job computes while it finishes its I/O; a job may be taken ahead (to fetch
 * its inputs) but then waits for the slot; at most twice the slots are taken and not done computing, and three
 * times the slots in flight; the partition's offset is committed only past jobs that all ended.
 */
class JobConsumerSlotsTest {
    private static KafkaBroker kafka;
    private static JobEventPublisher publisher;

    @BeforeAll
    static void startBroker() {
        kafka = KafkaBroker.start();
        kafka.createTopics(Map.of(Topics.TRAINING_JOBS, 1, Topics.DEAD_LETTERS, 1));
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

    /** What a job does with its slot: gives it back early (only I/O left), keeps it to the end, or waits first. */
    private enum Script {
        COMPUTES_THEN_FINISHES,
        COMPUTES_TO_THE_END
    }

    /** A handler whose jobs take their slot, then wait for the test to end them. */
    private static final class Handler implements JobConsumer.JobHandler {
        final List<String> taken = new CopyOnWriteArrayList<>();
        final List<String> computing = new CopyOnWriteArrayList<>();
        final List<String> ended = new CopyOnWriteArrayList<>();
        final Map<String, CountDownLatch> finish = new ConcurrentHashMap<>();
        final Map<String, Script> scripts;

        Handler(Map<String, Script> scripts) {
            this.scripts = scripts;
            scripts.keySet().forEach(id -> finish.put(id, new CountDownLatch(1)));
        }

        @Override
        public JobOutcomeKind run(TrainingJobRequested job, BooleanSupplier released, ComputeSlot slot) {
            taken.add(job.jobId());
            assertThat(slot.acquire(released)).isTrue();
            computing.add(job.jobId());
            if (scripts.get(job.jobId()) == Script.COMPUTES_THEN_FINISHES) {
                slot.release();
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
        Handler handler = new Handler(Map.of(
                first, Script.COMPUTES_THEN_FINISHES,
                second, Script.COMPUTES_TO_THE_END,
                third, Script.COMPUTES_TO_THE_END));
        try (JobConsumer consumer = consumer(handler)) {
            consumer.start();

            // the first computed and now only finishes: the second computes beside it
            await().atMost(Duration.ofSeconds(60)).until(() -> handler.computing.contains(second));
            assertThat(handler.ended).isEmpty();
            // the third is taken (its inputs are fetched ahead) but waits: the one slot is the second's
            await().atMost(Duration.ofSeconds(30)).until(() -> handler.taken.contains(third));
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !handler.computing.contains(third));

            handler.end(second);
            await().atMost(Duration.ofSeconds(30)).until(() -> handler.computing.contains(third));
            // the first is still in flight: nothing may be committed past it
            assertThat(committed()).isEqualTo(start);

            handler.end(first);
            handler.end(third);
            await().atMost(Duration.ofSeconds(30)).until(() -> committed() == start + 3);
        }
        assertThat(handler.computing).containsExactly(first, second, third);
    }

    @Test
    void atMostTwiceTheSlotsAreTakenBeforeTheyComputeAndThriceTheSlotsAreInFlight() throws Exception {
        String[] jobs = {"slots-2.a", "slots-2.b", "slots-2.c", "slots-2.d", "slots-2.e", "slots-2.f"};
        long start = committed();
        submit("slots-2", jobs);
        Map<String, Script> scripts = new java.util.HashMap<>();
        scripts.put(jobs[0], Script.COMPUTES_TO_THE_END);
        for (int i = 1; i < jobs.length; i++) {
            scripts.put(jobs[i], Script.COMPUTES_THEN_FINISHES);
        }
        Handler handler = new Handler(scripts);
        try (JobConsumer consumer = consumer(handler)) {
            consumer.start();

            // a computes; b waits for the slot: two taken and not done computing, so c is not taken
            await().atMost(Duration.ofSeconds(60)).until(() -> handler.taken.size() == 2);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> handler.taken.size() == 2 && handler.computing.size() == 1);

            // a ends: b computes and finishes, c and d follow, and then three jobs are in flight (b, c, d)
            handler.end(jobs[0]);
            await().atMost(Duration.ofSeconds(30)).until(() -> handler.computing.size() == 4);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> handler.taken.size() == 4);

            handler.end(jobs[1]);
            await().atMost(Duration.ofSeconds(30)).until(() -> handler.taken.size() == 5);
            for (String job : jobs) {
                handler.end(job);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> committed() == start + jobs.length);
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
        return TrainerGroupOffsets.committed(kafka);
    }
}

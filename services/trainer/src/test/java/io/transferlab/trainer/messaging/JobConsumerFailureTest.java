package io.transferlab.trainer.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transferlab.contracts.Topics;
import io.transferlab.contracts.model.Half;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.localstack.KafkaBroker;
import io.transferlab.trainer.support.Jobs;
import io.transferlab.trainer.training.JobOutcomeKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A job that fails around its handler (the handler reports every failure of the job itself as a {@code JobFailed};
 * this is what escapes it, an {@link Error} included), against a real broker of its own: the record is not
 * committed and is read again, but only after a wait that doubles, never in a hot loop.
 */
class JobConsumerFailureTest {
    private static KafkaBroker kafka;

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
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void aJobThatFailsAroundItsHandlerIsReadAgainOnlyAfterAWaitThatDoubles() throws Exception {
        KafkaClientConfig config = new KafkaClientConfig(Map.of("bootstrap.servers", kafka.bootstrapServers()));
        String jobId = Jobs.baseJobId("fails-around", Half.A);
        try (Jobs jobs = new Jobs(kafka.bootstrapServers())) {
            jobs.submit("fails-around", jobId, Jobs.base(Half.A, 1, 10));
        }
        List<Long> runs = new CopyOnWriteArrayList<>();
        try (JobEventPublisher publisher = new JobEventPublisher(config, "failure-test");
                JobConsumer consumer = new JobConsumer(
                        config,
                        "failure-test",
                        1,
                        (job, released, slot) -> {
                            runs.add(System.nanoTime());
                            if (runs.size() <= 3) {
                                throw new StackOverflowError("a failure around the job's own reporting");
                            }
                            return JobOutcomeKind.COMPLETED;
                        },
                        publisher,
                        () -> true)) {
            consumer.start();

            await().atMost(Duration.ofSeconds(60)).until(() -> runs.size() == 4);
            assertThat(gapMillis(runs, 1)).as("wait before the 2nd run").isGreaterThanOrEqualTo(900);
            assertThat(gapMillis(runs, 2)).as("wait before the 3rd run").isGreaterThanOrEqualTo(1_900);
            assertThat(gapMillis(runs, 3)).as("wait before the 4th run").isGreaterThanOrEqualTo(3_900);
            await().atMost(Duration.ofSeconds(30)).until(() -> TrainerGroupOffsets.committed(kafka) > 0);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 4);
        }
    }

    private static long gapMillis(List<Long> runs, int i) {
        return TimeUnit.NANOSECONDS.toMillis(runs.get(i) - runs.get(i - 1));
    }
}

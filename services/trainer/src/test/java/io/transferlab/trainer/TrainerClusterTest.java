package io.transferlab.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.CheckpointSaved;
import io.transferlab.contracts.events.EpochCompleted;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobFailed;
import io.transferlab.contracts.events.JobStarted;
import io.transferlab.contracts.events.TrainingJobRequested;
import io.transferlab.contracts.model.Half;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.localstack.ChildJvm;
import io.transferlab.localstack.KafkaBroker;
import io.transferlab.localstack.S3Server;
import io.transferlab.trainer.storage.CheckpointStore;
import io.transferlab.trainer.support.JobEvents;
import io.transferlab.trainer.support.Jobs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several trainers in one consumer group against their own real Kafka broker and S3 server: they share
 * a batch of jobs, a trainer process killed with SIGKILL has its job finished elsewhere from the last
 * checkpoint, and an object-store outage fails the job retryably without reporting unsaved checkpoints.
 */
class TrainerClusterTest {
    private static KafkaBroker kafka;
    private static S3Server s3;
    private static JobEvents events;
    private static Jobs jobs;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        kafka = KafkaBroker.start();
        kafka.createTopics(Map.of(
                Topics.TRAINING_JOBS, 4, Topics.JOB_EVENTS, 3, Topics.EXPERIMENT_EVENTS, 3, Topics.DEAD_LETTERS, 1));
        s3 = S3Server.start();
        s3.createBucket(S3Server.DEFAULT_BUCKET);
        events = new JobEvents(kafka.bootstrapServers());
        jobs = new Jobs(kafka.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        events.close();
        jobs.close();
        s3.stop();
        kafka.stop();
    }

    private TrainerNode node(String id) {
        TrainerNode node = new TrainerNode(
                TrainerProcessMain.settings(
                        id, kafka.bootstrapServers(), s3.endpoint(), s3.accessKey(), s3.secretKey(), tmp.resolve(id)),
                new SimpleMeterRegistry());
        node.start();
        return node;
    }

    @Test
    void aTrainerKilledMidJobHasItsJobFinishedElsewhereFromItsLastCheckpoint() throws IOException {
        String experiment = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        String jobId = Jobs.baseJobId(experiment, Half.A);
        Path log = tmp.resolve("child-trainer.log");
        List<String> command = new ArrayList<>(List.of(
                ChildJvm.javaExecutable(),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                TrainerProcessMain.class.getName(),
                "doomed-trainer",
                kafka.bootstrapServers(),
                s3.endpoint(),
                s3.accessKey(),
                s3.secretKey(),
                tmp.resolve("doomed").toString(),
                String.valueOf(ProcessHandle.current().pid())));
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        try {
            jobs.submit(experiment, jobId, Jobs.base(Half.A, 5, 40));
            await().atMost(Duration.ofMinutes(2))
                    .until(() ->
                            events.of(jobId, CheckpointSaved.class).stream().anyMatch(c -> !c.finalCheckpoint()));
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no leave-group, no commit
            assertThat(events.of(jobId, JobCompleted.class)).isEmpty();
        } finally {
            child.destroyForcibly();
        }
        int savedBeforeCrash = events.of(jobId, CheckpointSaved.class).stream()
                .filter(c -> !c.finalCheckpoint())
                .mapToInt(CheckpointSaved::epoch)
                .max()
                .orElseThrow();

        try (TrainerNode rescuer = node("rescuer")) {
            JobCompleted completed = await().atMost(Duration.ofMinutes(2))
                    .until(() -> events.of(jobId, JobCompleted.class), l -> !l.isEmpty())
                    .get(0);
            List<JobStarted> starts = events.of(jobId, JobStarted.class);
            assertThat(starts).extracting(JobStarted::trainerId).containsExactly("doomed-trainer", "rescuer");
            Integer resumedFrom = starts.get(1).resumedFromEpoch();
            assertThat(resumedFrom).isNotNull().isGreaterThanOrEqualTo(savedBeforeCrash);
            // At most one epoch is trained twice: the rescuer starts after the checkpoint it resumed from.
            assertThat(events.of(jobId, EpochCompleted.class).stream()
                            .filter(e -> e.occurredAt().isAfter(starts.get(1).occurredAt())))
                    .extracting(EpochCompleted::epoch)
                    .allMatch(e -> e > resumedFrom);
            assertThat(completed.result().checkpointUri())
                    .endsWith(CheckpointStore.finalKey(
                            experiment, jobId, 1, completed.result().checkpointSha256()));

            // The resumed result is the result of an uninterrupted run of the same job.
            String reference = "ref-" + experiment;
            String referenceJob = Jobs.baseJobId(reference, Half.A);
            jobs.submit(reference, referenceJob, Jobs.base(Half.A, 5, 40));
            JobCompleted uninterrupted = await().atMost(Duration.ofMinutes(2))
                    .until(() -> events.of(referenceJob, JobCompleted.class), l -> !l.isEmpty())
                    .get(0);
            assertThat(events.of(referenceJob, JobStarted.class).get(0).resumedFromEpoch())
                    .isNull();
            assertThat(completed.result().summaryTop1())
                    .isCloseTo(uninterrupted.result().summaryTop1(), within(1e-6));
            assertThat(completed.result().testTop1())
                    .isCloseTo(uninterrupted.result().testTop1(), within(1e-6));
            assertThat(completed.result().finalValTop1())
                    .isCloseTo(uninterrupted.result().finalValTop1(), within(1e-6));
        }
    }

    @Test
    void twoTrainersShareABatchOfJobs() {
        String experiment = "share-" + UUID.randomUUID().toString().substring(0, 8);
        try (TrainerNode first = node("trainer-1");
                TrainerNode second = node("trainer-2")) {
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> first.isConsuming()
                            && second.isConsuming()
                            && first.assignedPartitions() > 0
                            && second.assignedPartitions() > 0
                            && first.assignedPartitions() + second.assignedPartitions() == 4);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String jobId = experiment + ".base.n0.-A.s" + i;
                ids.add(jobId);
                jobs.submit(new TrainingJobRequested(null, null, 0, experiment, jobId, 1, Jobs.base(Half.A, 1, 15)), i);
            }
            await().atMost(Duration.ofMinutes(3))
                    .until(() -> ids.stream()
                            .allMatch(id -> !events.of(id, JobCompleted.class).isEmpty()));
            assertThat(ids.stream()
                            .flatMap(id -> events.of(id, JobCompleted.class).stream()
                                    .map(c -> events.of(id, JobStarted.class)
                                            .get(events.of(id, JobStarted.class).size() - 1)
                                            .trainerId())))
                    .contains("trainer-1", "trainer-2");
        }
    }

    @Test
    void aTrainerStartedWhileTheObjectStoreIsDownStartsOnceItIsBack() {
        TrainerNode.Settings base = TrainerProcessMain.settings(
                "late-trainer",
                kafka.bootstrapServers(),
                s3.endpoint(),
                s3.accessKey(),
                s3.secretKey(),
                tmp.resolve("late"));
        TrainerNode.Settings quick = new TrainerNode.Settings(
                base.trainerId(),
                base.kafka(),
                1,
                base.heartbeatInterval(),
                base.workDir(),
                base.dataDir(),
                base.checkpointRetention(),
                new io.transferlab.trainer.storage.ObjectStoreSettings(
                        s3.endpoint(),
                        s3.accessKey(),
                        s3.secretKey(),
                        "late-bucket",
                        S3Server.REGION,
                        Duration.ofSeconds(2)),
                base.stallTimeout(),
                base.checkpointInterval(),
                "fashion-mnist");
        try (TrainerNode trainer = new TrainerNode(quick, new SimpleMeterRegistry())) {
            s3.kill();
            try {
                assertThatThrownBy(trainer::start)
                        .isInstanceOf(io.transferlab.trainer.storage.ObjectStoreUnavailableException.class);
                assertThat(trainer.isConsuming()).isFalse();
                assertThat(trainer.backend()).isNotNull();
                assertThat(trainer.datasetDecodes())
                        .as("warmed up (Fashion-MNIST decoded) before it needed the store")
                        .isEqualTo(1);
            } finally {
                s3.restart();
            }
            trainer.start();
            await().atMost(Duration.ofMinutes(1)).until(trainer::isConsuming);
            assertThat(trainer.datasetDecodes()).as("one warm-up per trainer").isEqualTo(1);
            assertThat(trainer.objectStore().list("late-bucket", "")).isEmpty();
        }
    }

    @Test
    void aTrainerWithTwoSlotsTrainsTwoJobsAtOnce() {
        String experiment = "slots-" + UUID.randomUUID().toString().substring(0, 8);
        TrainerNode.Settings one = TrainerProcessMain.settings(
                "two-slots",
                kafka.bootstrapServers(),
                s3.endpoint(),
                s3.accessKey(),
                s3.secretKey(),
                tmp.resolve("two-slots"));
        TrainerNode.Settings two = new TrainerNode.Settings(
                one.trainerId(),
                one.kafka(),
                2,
                one.heartbeatInterval(),
                one.workDir(),
                one.dataDir(),
                one.checkpointRetention(),
                one.objectStore(),
                one.stallTimeout(),
                one.checkpointInterval(),
                null);
        try (TrainerNode trainer = new TrainerNode(two, new SimpleMeterRegistry())) {
            trainer.start();
            await().atMost(Duration.ofMinutes(1)).until(() -> trainer.assignedPartitions() == 4);
            List<String> ids = List.of(experiment + ".base.n0.-A.s0", experiment + ".base.n0.-B.s0");
            jobs.submit(
                    new TrainingJobRequested(null, null, 0, experiment, ids.get(0), 1, Jobs.base(Half.A, 2, 20)), 0);
            jobs.submit(
                    new TrainingJobRequested(null, null, 0, experiment, ids.get(1), 1, Jobs.base(Half.B, 2, 20)), 1);
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> ids.stream()
                            .allMatch(id -> !events.of(id, JobCompleted.class).isEmpty()));
            // Both started before either finished: the two slots trained side by side.
            var firstDone = ids.stream()
                    .map(id -> events.of(id, JobCompleted.class).get(0).occurredAt())
                    .min(java.util.Comparator.naturalOrder())
                    .orElseThrow();
            assertThat(ids)
                    .allSatisfy(id -> assertThat(
                                    events.of(id, JobStarted.class).get(0).occurredAt())
                            .isBefore(firstDone));
        }
    }

    @Test
    void whileTheObjectStoreIsAwayNoJobIsTakenAndARunningJobWaitsItOutWithoutSpendingAnAttempt() {
        String experiment = "wait-" + UUID.randomUUID().toString().substring(0, 8);
        String running = Jobs.baseJobId(experiment, Half.A);
        String queued = Jobs.baseJobId(experiment, Half.B);
        TrainerNode.Settings base = TrainerProcessMain.settings(
                "patient-trainer",
                kafka.bootstrapServers(),
                s3.endpoint(),
                s3.accessKey(),
                s3.secretKey(),
                tmp.resolve("patient"));
        TrainerNode.Settings patient = new TrainerNode.Settings(
                base.trainerId(),
                base.kafka(),
                2,
                base.heartbeatInterval(),
                base.workDir(),
                base.dataDir(),
                base.checkpointRetention(),
                new io.transferlab.trainer.storage.ObjectStoreSettings(
                        s3.endpoint(),
                        s3.accessKey(),
                        s3.secretKey(),
                        S3Server.DEFAULT_BUCKET,
                        S3Server.REGION,
                        Duration.ofMinutes(3)),
                Duration.ofSeconds(20),
                Duration.ZERO,
                null);
        try (TrainerNode trainer = new TrainerNode(patient, new SimpleMeterRegistry())) {
            trainer.start();
            jobs.submit(experiment, running, Jobs.base(Half.A, 6, 40));
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> !events.of(running, JobStarted.class).isEmpty());
            s3.kill();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> !trainer.takingJobs());
                jobs.submit(experiment, queued, Jobs.base(Half.B, 1, 10));
                // A free slot, a job in the topic, no store: nothing is taken, and the running job is not stuck.
                await().during(Duration.ofSeconds(25))
                        .atMost(Duration.ofSeconds(40))
                        .until(() -> events.of(queued, JobStarted.class).isEmpty() && trainer.isAlive());
            } finally {
                s3.restart();
            }
            await().atMost(Duration.ofMinutes(3))
                    .until(() -> !events.of(running, JobCompleted.class).isEmpty()
                            && !events.of(queued, JobCompleted.class).isEmpty());
            assertThat(trainer.takingJobs()).isTrue();
            assertThat(events.of(running, JobFailed.class)).isEmpty();
            assertThat(events.of(running, JobCompleted.class))
                    .extracting(JobCompleted::attempt)
                    .containsExactly(1);
            assertThat(events.of(running, JobStarted.class)).hasSize(1);
        }
    }

    @Test
    void anObjectStoreOutageFailsTheJobRetryablyAndReportsNoCheckpointItDidNotSave() {
        String experiment = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        String jobId = Jobs.baseJobId(experiment, Half.B);
        try (TrainerNode trainer = new TrainerNode(
                new TrainerNode.Settings(
                        "outage-trainer",
                        new KafkaClientConfig(Map.of("bootstrap.servers", kafka.bootstrapServers())),
                        1,
                        Duration.ofSeconds(1),
                        tmp.resolve("o"),
                        Path.of("/usr/share/datasets"),
                        2,
                        new io.transferlab.trainer.storage.ObjectStoreSettings(
                                s3.endpoint(),
                                s3.accessKey(),
                                s3.secretKey(),
                                S3Server.DEFAULT_BUCKET,
                                S3Server.REGION,
                                Duration.ofSeconds(3)),
                        Duration.ofMinutes(5),
                        Duration.ZERO,
                        null),
                new SimpleMeterRegistry())) {
            trainer.start();
            jobs.submit(experiment, jobId, Jobs.base(Half.B, 8, 60));
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> !events.of(jobId, JobStarted.class).isEmpty());
            s3.kill();
            JobFailed failed;
            try {
                failed = await().atMost(Duration.ofMinutes(2))
                        .until(() -> events.of(jobId, JobFailed.class), l -> !l.isEmpty())
                        .get(0);
            } finally {
                s3.restart();
            }
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.reason()).contains("object store unavailable");
            assertThat(events.of(jobId, JobCompleted.class)).isEmpty();
            assertThat(events.of(jobId, CheckpointSaved.class)).noneMatch(CheckpointSaved::finalCheckpoint);
            CheckpointStore store = new CheckpointStore(trainer.objectStore());
            // Retention may have deleted older reported epochs; the newest two reported must be there.
            int newest = events.of(jobId, CheckpointSaved.class).stream()
                    .mapToInt(CheckpointSaved::epoch)
                    .max()
                    .orElse(0);
            assertThat(store.epochCheckpoints(experiment, jobId))
                    .extracting(CheckpointStore.EpochCheckpoint::epoch)
                    .containsAll(events.of(jobId, CheckpointSaved.class).stream()
                            .map(CheckpointSaved::epoch)
                            .filter(e -> e >= newest - 1)
                            .toList());
        }
    }
}

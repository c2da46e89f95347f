package io.transferlab.trainer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.CheckpointSaved;
import io.transferlab.contracts.events.DeadLettered;
import io.transferlab.contracts.events.EpochCompleted;
import io.transferlab.contracts.events.JobCancelled;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobFailed;
import io.transferlab.contracts.events.JobHeartbeat;
import io.transferlab.contracts.events.JobStarted;
import io.transferlab.contracts.events.TrainingJobRequested;
import io.transferlab.contracts.model.CheckpointRef;
import io.transferlab.contracts.model.Half;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.localstack.KafkaBroker;
import io.transferlab.localstack.LocalStack;
import io.transferlab.localstack.quarkus.KafkaTestResource;
import io.transferlab.localstack.quarkus.S3TestResource;
import io.transferlab.trainer.engine.data.Digests;
import io.transferlab.trainer.messaging.KafkaClientSettings;
import io.transferlab.trainer.storage.CheckpointStore;
import io.transferlab.trainer.storage.ObjectStore;
import io.transferlab.trainer.storage.S3Uri;
import io.transferlab.trainer.storage.StoredObject;
import io.transferlab.trainer.support.JobEvents;
import io.transferlab.trainer.support.Jobs;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trainer as a Quarkus application against a real Kafka broker and a real S3 server: a job end to
 * end with its checkpoints in the store, a corrupt base checkpoint, a cancellation, metrics and health.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(S3TestResource.class)
@QuarkusTestResource(KafkaClientSettingsResource.class)
class TrainerServiceTest {
    private static JobEvents events;
    private static Jobs jobs;

    @Inject
    TrainerLifecycle lifecycle;

    @BeforeAll
    static void clients() {
        KafkaBroker kafka = LocalStack.kafka();
        Map<String, Integer> topics = new HashMap<>();
        Topics.ALL.forEach(topic -> topics.put(topic, 3));
        kafka.createTopics(topics);
        String bootstrap = kafka.bootstrapServers();
        events = new JobEvents(bootstrap);
        jobs = new Jobs(bootstrap);
    }

    @AfterAll
    static void close() {
        if (events != null) {
            events.close();
        }
        if (jobs != null) {
            jobs.close();
        }
    }

    private ObjectStore store() {
        return lifecycle.node().objectStore();
    }

    private void awaitReady() {
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void everyKafkaClientTakesAllKafkaSettingsFromConfig() {
        KafkaClientConfig kafka = lifecycle.node().settings().kafka();
        String id = lifecycle.node().settings().trainerId();
        for (Map<String, Object> props : List.of(
                KafkaClientSettings.producer(kafka, id),
                KafkaClientSettings.jobConsumer(kafka, id),
                KafkaClientSettings.cancellationConsumer(kafka, id))) {
            assertThat(props)
                    .containsEntry("bootstrap.servers", LocalStack.kafka().bootstrapServers())
                    .containsEntry("security.protocol", "PLAINTEXT")
                    .containsEntry("client.dns.lookup", "use_all_dns_ips");
        }
    }

    @Test
    void aBaseJobRunsEndToEndAndItsCheckpointsAreInTheStoreWithMatchingDigests() throws IOException {
        awaitReady();
        String experiment = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String jobId = Jobs.baseJobId(experiment, Half.A);

        jobs.submit(experiment, jobId, Jobs.base(Half.A, 3, 60));

        JobCompleted completed = await().atMost(Duration.ofMinutes(3))
                .until(() -> events.of(jobId, JobCompleted.class), l -> !l.isEmpty())
                .get(0);
        JobStarted started = events.of(jobId, JobStarted.class).get(0);
        assertThat(started.trainerId()).isEqualTo(lifecycle.node().settings().trainerId());
        assertThat(started.backend()).startsWith("cpu");
        assertThat(started.resumedFromEpoch()).isNull();
        assertThat(events.of(jobId, EpochCompleted.class))
                .extracting(EpochCompleted::epoch)
                .containsExactly(1, 2, 3);
        assertThat(events.of(jobId, JobHeartbeat.class))
                .isNotEmpty()
                .allSatisfy(h -> assertThat(h.progress()).isBetween(0.0, 1.0));

        // Every reported checkpoint was durable with the reported digest when reported; the final one still is.
        var saved = events.of(jobId, CheckpointSaved.class);
        assertThat(saved).extracting(CheckpointSaved::finalCheckpoint).containsExactly(false, false, false, true);
        CheckpointSaved finalSaved = saved.get(3);
        assertThat(completed.result().checkpointUri())
                .isEqualTo(finalSaved.uri())
                .isEqualTo("s3://transferlab/" + CheckpointStore.finalKey(experiment, jobId, 1, finalSaved.sha256()));
        assertThat(completed.result().checkpointSha256()).isEqualTo(finalSaved.sha256());
        Path local = Files.createTempFile("final", ".ckpt");
        assertThat(store().download(
                                "transferlab",
                                CheckpointStore.finalKey(experiment, jobId, 1, finalSaved.sha256()),
                                local,
                                finalSaved.sha256()))
                .isEqualTo(Digests.sha256(local));
        assertThat(Files.size(local)).isEqualTo(finalSaved.sizeBytes());

        // Retention 2: epochs 2 and 3 stay, epoch 1 is gone for real.
        assertThat(new CheckpointStore(store()).epochCheckpoints(experiment, jobId))
                .extracting(CheckpointStore.EpochCheckpoint::epoch)
                .containsExactly(2, 3);
        for (CheckpointSaved epoch : saved.subList(1, 3)) {
            StoredObject stat = store().stat("transferlab", CheckpointStore.epochKey(experiment, jobId, epoch.epoch()))
                    .orElseThrow();
            assertThat(stat.sha256()).isEqualTo(epoch.sha256());
            assertThat(stat.sizeBytes()).isEqualTo(epoch.sizeBytes());
        }

        assertThat(completed.result().summaryTop1()).isBetween(0.0, 1.0);
        assertThat(completed.result().testTop1())
                .as("learnt something: 5 classes, chance is 0.2")
                .isGreaterThan(0.3);
        assertThat(completed.result().firstLayerFilters()).isNotNull();
        assertThat(completed.result().totalMillis())
                .isGreaterThanOrEqualTo(completed.result().trainMillis());
        assertThat(completed.result().stepMillis()).isPositive();
        assertThat(completed.result().evalMillis()).isNotNull();
        assertThat(completed.result().stepMillis() + completed.result().evalMillis())
                .isLessThanOrEqualTo(completed.result().trainMillis());
        assertThat(events.sources()).containsOnly("/transferlab/trainer");

        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains(
                        "trainer_jobs_active",
                        "trainer_images_per_second",
                        "trainer_epoch_duration_seconds_count",
                        "trainer_checkpoint_bytes_count",
                        "trainer_checkpoint_upload_duration_seconds_count",
                        "trainer_jobs_total{outcome=\"failed\"",
                        "trainer_jobs_total{outcome=\"cancelled\"",
                        "trainer_offheap_bytes",
                        "trainer_backend_info{backend=\"cpu\"",
                        "trainer_job_duration_seconds_count");
        assertThat(metrics)
                .containsPattern("trainer_jobs_total\\{[^}]*outcome=\"completed\"[^}]*\\} [1-9]")
                .containsPattern("trainer_job_compute_seconds_count\\{[^}]*phase=\"step\"[^}]*\\} [1-9]")
                .containsPattern("trainer_job_compute_seconds_count\\{[^}]*phase=\"eval\"[^}]*\\} [1-9]");
        // Micrometer's Kafka client metrics, bound on the trainer's own producer and consumers
        assertThat(metrics)
                .contains("kafka_producer_record_send_total{", "kafka_consumer_fetch_manager_records_consumed_total{");
    }

    @Test
    void theSameJobRecordDeliveredTwiceTrainsOnceAndLeavesTheFinalCheckpointAndItsDigestAlone() throws IOException {
        awaitReady();
        String experiment = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        String jobId = Jobs.baseJobId(experiment, Half.B);
        TrainingJobRequested record =
                new TrainingJobRequested(null, null, 0, experiment, jobId, 1, Jobs.base(Half.B, 2, 20));
        jobs.submit(record, null);
        JobCompleted first = await().atMost(Duration.ofMinutes(2))
                .until(() -> events.of(jobId, JobCompleted.class), l -> !l.isEmpty())
                .get(0);
        String finalKey = S3Uri.parse(first.result().checkpointUri()).key();
        Path before = Files.createTempFile("before", ".ckpt");
        store().download("transferlab", finalKey, before, first.result().checkpointSha256());

        jobs.submit(record, null);

        JobCompleted second = await().atMost(Duration.ofMinutes(2))
                .until(() -> events.of(jobId, JobCompleted.class), l -> l.size() == 2)
                .get(1);
        assertThat(second.result()).isEqualTo(first.result());
        assertThat(events.of(jobId, JobStarted.class)).hasSize(1);
        assertThat(events.of(jobId, EpochCompleted.class))
                .extracting(EpochCompleted::epoch)
                .containsExactly(1, 2);
        assertThat(events.of(jobId, CheckpointSaved.class))
                .filteredOn(CheckpointSaved::finalCheckpoint)
                .hasSize(1);
        Path after = Files.createTempFile("after", ".ckpt");
        assertThat(store().download("transferlab", finalKey, after, null))
                .isEqualTo(first.result().checkpointSha256());
        assertThat(Files.mismatch(before, after)).isEqualTo(-1L);
        assertThat(store().list("transferlab", CheckpointStore.attemptPrefix(experiment, jobId, 1)))
                .extracting(StoredObject::key)
                .containsExactlyInAnyOrder(finalKey, CheckpointStore.resultKey(experiment, jobId, 1));
    }

    @Test
    void aCorruptBaseCheckpointFailsTheJobWithoutRetryAndSaysWhy() throws IOException {
        awaitReady();
        String experiment = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        Path garbage = Files.writeString(
                Files.createTempFile("garbage", ".ckpt"), "this is no network", StandardCharsets.UTF_8);
        String baseJob = Jobs.baseJobId(experiment, Half.A);
        StoredObject stored = new CheckpointStore(store()).uploadFinal(experiment, baseJob, 1, garbage);

        String unreadable = experiment + ".transfer.n3.AB.s0";
        jobs.submit(
                experiment, unreadable, Jobs.transfer(3, new CheckpointRef(baseJob, stored.uri(), stored.sha256())));
        String tampered = experiment + ".transfer.n2.AB.s0";
        jobs.submit(
                experiment,
                tampered,
                Jobs.transfer(
                        2,
                        new CheckpointRef(
                                baseJob, stored.uri(), Digests.sha256(Files.writeString(garbage, "other bytes")))));

        JobFailed unreadableFailure = await().atMost(Duration.ofMinutes(1))
                .until(() -> events.of(unreadable, JobFailed.class), l -> !l.isEmpty())
                .get(0);
        assertThat(unreadableFailure.retryable()).isFalse();
        assertThat(unreadableFailure.reason()).isNotBlank();
        JobFailed tamperedFailure = await().atMost(Duration.ofMinutes(1))
                .until(() -> events.of(tampered, JobFailed.class), l -> !l.isEmpty())
                .get(0);
        assertThat(tamperedFailure.retryable()).isFalse();
        assertThat(tamperedFailure.reason()).contains("SHA-256", stored.uri());
        assertThat(events.of(unreadable, JobCompleted.class)).isEmpty();
    }

    @Test
    void aLearningRateThatDivergesFailsTheJobAsDivergedWithoutRetryOrResult() {
        awaitReady();
        String experiment = "nan-" + UUID.randomUUID().toString().substring(0, 8);
        String jobId = Jobs.baseJobId(experiment, Half.B);

        jobs.submit(experiment, jobId, Jobs.withLearningRate(Jobs.base(Half.B, 2, 30), 10.0));

        JobFailed failure = await().atMost(Duration.ofMinutes(2))
                .until(() -> events.of(jobId, JobFailed.class), l -> !l.isEmpty())
                .get(0);
        assertThat(failure.failureKind()).isEqualTo(JobFailed.DIVERGED);
        assertThat(failure.diverged()).isTrue();
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.reason()).startsWith("diverged: ").contains("learning rate 10.0");
        assertThat(events.of(jobId, JobCompleted.class)).isEmpty();
    }

    @Test
    void aCancelledExperimentStopsItsRunningJobAndSkipsItsLaterJobs() {
        awaitReady();
        String experiment = "cancel-" + UUID.randomUUID().toString().substring(0, 8);
        String running = Jobs.baseJobId(experiment, Half.A);
        jobs.submit(experiment, running, Jobs.base(Half.A, 50, 60));
        await().atMost(Duration.ofMinutes(1))
                .until(() -> !events.of(running, JobHeartbeat.class).isEmpty());
        // While a job trains, the trainer stays live and shows it.
        given().get("/q/health/live").then().statusCode(200);
        assertThat(given().get("/q/metrics").then().extract().asString())
                .containsPattern("(?m)^trainer_jobs_active(\\{[^}]*\\})? 1\\.0$");

        jobs.cancel(experiment);

        JobCancelled cancelled = await().atMost(Duration.ofSeconds(30))
                .until(() -> events.of(running, JobCancelled.class), l -> !l.isEmpty())
                .get(0);
        assertThat(cancelled.reason()).contains("cancelled");
        assertThat(events.of(running, EpochCompleted.class)).hasSizeLessThan(50);
        assertThat(events.of(running, JobCompleted.class)).isEmpty();

        String later = Jobs.baseJobId(experiment, Half.B);
        jobs.submit(experiment, later, Jobs.base(Half.B, 1, 10));
        JobCancelled skipped = await().atMost(Duration.ofSeconds(30))
                .until(() -> events.of(later, JobCancelled.class), l -> !l.isEmpty())
                .get(0);
        assertThat(skipped.reason()).contains("before the job started");
        assertThat(events.of(later, JobStarted.class)).isEmpty();
    }

    @Test
    void anEpochCheckpointOfAnotherRunUnderTheJobsKeyIsNotResumedFrom() throws IOException {
        awaitReady();
        String experiment = "refuse-" + UUID.randomUUID().toString().substring(0, 8);
        String donor = Jobs.baseJobId(experiment, Half.A);
        jobs.submit(experiment, donor, Jobs.base(Half.A, 1, 10));
        JobCompleted donorDone = await().atMost(Duration.ofMinutes(1))
                .until(() -> events.of(donor, JobCompleted.class), l -> !l.isEmpty())
                .get(0);
        Path foreign = Files.createTempFile("foreign", ".ckpt");
        store().download(
                        "transferlab",
                        S3Uri.parse(donorDone.result().checkpointUri()).key(),
                        foreign,
                        donorDone.result().checkpointSha256());
        String jobId = Jobs.baseJobId(experiment, Half.B);
        new CheckpointStore(store()).uploadEpoch(experiment, jobId, 1, foreign);

        jobs.submit(experiment, jobId, Jobs.base(Half.B, 1, 10));

        await().atMost(Duration.ofMinutes(1))
                .until(() -> !events.of(jobId, JobCompleted.class).isEmpty());
        assertThat(events.of(jobId, JobStarted.class))
                .singleElement()
                .extracting(JobStarted::resumedFromEpoch)
                .isNull();
        assertThat(events.of(jobId, EpochCompleted.class))
                .extracting(EpochCompleted::epoch)
                .containsExactly(1);
    }

    @Test
    void aRecordThatIsNoJobIsDeadLetteredAndTheNextJobStillRuns() {
        awaitReady();
        String key = "garbage-" + UUID.randomUUID();
        jobs.sendGarbage(key);
        String experiment = "after-" + UUID.randomUUID().toString().substring(0, 8);
        String jobId = experiment + ".transfer.n1.AB.s0";
        jobs.submit(
                experiment,
                jobId,
                Jobs.transfer(
                        1,
                        new CheckpointRef(
                                "missing",
                                "s3://transferlab/experiments/" + experiment + "/jobs/missing/final.ckpt",
                                "a".repeat(64))));

        await().atMost(Duration.ofMinutes(1))
                .until(() -> !events.of(jobId, JobFailed.class).isEmpty());
        assertThat(events.of(jobId, JobFailed.class).get(0).retryable()).isFalse();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.kafka().bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader-" + UUID.randomUUID());
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTERS));
            List<DeadLettered> letters = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(r -> letters.add(EventCodec.fromJson(r.value(), DeadLettered.class)));
                return letters.stream().anyMatch(d -> key.equals(d.originalKey()));
            });
            DeadLettered letter = letters.stream()
                    .filter(d -> key.equals(d.originalKey()))
                    .findFirst()
                    .orElseThrow();
            assertThat(letter.originalTopic()).isEqualTo(Topics.TRAINING_JOBS);
            assertThat(letter.payload()).isEqualTo("{not json");
            assertThat(letter.consumer()).isEqualTo("quarkus-test-trainer");
        }
    }

    @Test
    void healthAndBackendInfoAreExposed() {
        awaitReady();
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(containsString("nd4j-backend"), containsString("object-store"));
        given().get("/q/health/live").then().statusCode(200).body(containsString("job-consumer"));
        assertThat(lifecycle.node().backend().backend()).isEqualTo("cpu");
    }
}

package io.transferlab.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.transferlab.contracts.events.CheckpointSaved;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobFailed;
import io.transferlab.contracts.events.JobHeartbeat;
import io.transferlab.contracts.events.JobStarted;
import io.transferlab.contracts.events.TrainingJobRequested;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.model.Half;
import io.transferlab.localstack.LocalStack;
import io.transferlab.localstack.S3Server;
import io.transferlab.trainer.engine.JobOutcome;
import io.transferlab.trainer.engine.TrainingListener;
import io.transferlab.trainer.metrics.TrainerMetrics;
import io.transferlab.trainer.storage.CheckpointStore;
import io.transferlab.trainer.storage.InputCache;
import io.transferlab.trainer.storage.ObjectStore;
import io.transferlab.trainer.storage.ObjectStoreSettings;
import io.transferlab.trainer.storage.StoredObject;
import io.transferlab.trainer.support.Jobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training service around a scripted engine, against a real S3 server: what a redelivered job, a run
 * that lost its partition and an Error inside a job publish.
 */
class TrainingServiceTest {
    @TempDir
    Path tmp;

    private final List<TransferLabEvent> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger engineRuns = new AtomicInteger();
    private final CancelledExperiments cancelled = new CancelledExperiments();
    private ObjectStore store;
    private TrainingService service;
    private TrainingEngine engine;

    @BeforeEach
    void setUp() {
        S3Server s3 = LocalStack.s3();
        store = new ObjectStore(new ObjectStoreSettings(
                s3.endpoint(),
                s3.accessKey(),
                s3.secretKey(),
                S3Server.DEFAULT_BUCKET,
                S3Server.REGION,
                Duration.ofSeconds(5)));
        store.ensureBucket();
        service = new TrainingService(
                new TrainingService.Settings(
                        "t1", tmp.resolve("work"), 2, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ZERO),
                (job, listener, cancelled) -> {
                    engineRuns.incrementAndGet();
                    return engine.run(job, listener, cancelled);
                },
                new CheckpointStore(store),
                new InputCache(store, tmp.resolve("work"), tmp.resolve("data")),
                published::add,
                new TrainerMetrics(new SimpleMeterRegistry()),
                cancelled,
                "cpu");
    }

    @AfterEach
    void tearDown() {
        service.close();
    }

    private static TrainingJobRequested job(int attempt) {
        String experiment = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        return new TrainingJobRequested(
                null, null, 0, experiment, Jobs.baseJobId(experiment, Half.A), attempt, Jobs.base(Half.A, 1, 10));
    }

    /** An engine that "trains" one epoch and writes a final checkpoint of random bytes (a different one each run). */
    private TrainingEngine randomFinal(Runnable beforeFinal) {
        return (job, listener, cancelled) -> {
            listener.onStart(null, "cpu");
            Path file = job.workDir().resolve("final.ckpt");
            try {
                byte[] bytes = new byte[4096];
                new Random().nextBytes(bytes);
                Files.write(file, bytes);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            beforeFinal.run();
            listener.onCheckpoint(1, file, true);
            return new JobOutcome(0.5, 0.9, 0.5, 0.5, 1, file, null, null, 10, "test-top1", 8, 1, null);
        };
    }

    private <T> List<T> events(Class<T> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aJobComputesOnlyWhileItHoldsItsSlotAndAJobDeliveredAgainNeverAsksForOne() {
        engine = randomFinal(() -> {});
        TrainingJobRequested job = job(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        ComputeSlot slot = new ComputeSlot() {
            @Override
            public boolean acquire(java.util.function.BooleanSupplier giveUp) {
                seen.add("acquire after " + engineRuns.get() + " engine runs");
                return true;
            }

            @Override
            public void release() {
                seen.add("release after " + engineRuns.get() + " engine run, "
                        + events(JobCompleted.class).size()
                        + " results published, stored result "
                        + store.stat(store.bucket(), CheckpointStore.resultKey(job.experimentId(), job.jobId(), 1))
                                .isPresent());
            }
        };

        assertThat(service.run(job, () -> false, slot)).isEqualTo(JobOutcomeKind.COMPLETED);
        assertThat(seen.get(0)).isEqualTo("acquire after 0 engine runs");
        assertThat(seen.get(1))
                .as("given back once the engine returned, before the result is stored or published")
                .isEqualTo("release after 1 engine run, 0 results published, stored result false");
        assertThat(events(JobCompleted.class)).hasSize(1);

        seen.clear();
        assertThat(service.run(job, () -> false, slot)).isEqualTo(JobOutcomeKind.COMPLETED);
        assertThat(seen).as("answered from the store").noneMatch(s -> s.startsWith("acquire"));
    }

    @Test
    void aJobCancelledWhileItWaitsForASlotIsCancelledWithoutTraining() {
        engine = randomFinal(() -> {});
        TrainingJobRequested job = job(1);
        ComputeSlot busy = new ComputeSlot() {
            @Override
            public boolean acquire(java.util.function.BooleanSupplier giveUp) {
                cancelled.cancelled(job.experimentId());
                return !giveUp.getAsBoolean();
            }

            @Override
            public void release() {}
        };

        assertThat(service.run(job, () -> false, busy)).isEqualTo(JobOutcomeKind.CANCELLED);
        assertThat(engineRuns).hasValue(0);
        assertThat(events(JobStarted.class)).isEmpty();
    }

    @Test
    void aJobDeliveredAgainIsNotTrainedAgainAndReportsTheSameStoredResult() throws IOException {
        engine = randomFinal(() -> {});
        TrainingJobRequested job = job(1);

        assertThat(service.run(job, () -> false)).isEqualTo(JobOutcomeKind.COMPLETED);
        JobCompleted first = events(JobCompleted.class).get(0);
        assertThat(service.run(job, () -> false)).isEqualTo(JobOutcomeKind.COMPLETED);
        // A later attempt of the same spec reuses it too: the stored pair (URI, digest) stays consistent.
        TrainingJobRequested retry =
                new TrainingJobRequested(null, null, 0, job.experimentId(), job.jobId(), 2, job.spec());
        assertThat(service.run(retry, () -> false)).isEqualTo(JobOutcomeKind.COMPLETED);

        assertThat(engineRuns).hasValue(1);
        assertThat(events(JobStarted.class)).hasSize(1);
        assertThat(events(JobCompleted.class))
                .hasSize(3)
                .extracting(JobCompleted::result)
                .containsOnly(first.result());
        assertThat(events(JobCompleted.class)).extracting(JobCompleted::attempt).containsExactly(1, 1, 2);
        List<StoredObject> objects =
                store.list(store.bucket(), CheckpointStore.jobPrefix(job.experimentId(), job.jobId()));
        assertThat(objects)
                .extracting(StoredObject::key)
                .containsExactlyInAnyOrder(
                        CheckpointStore.finalKey(
                                job.experimentId(),
                                job.jobId(),
                                1,
                                first.result().checkpointSha256()),
                        CheckpointStore.resultKey(job.experimentId(), job.jobId(), 1));
        Path back = tmp.resolve("back.ckpt");
        assertThat(store.download(
                        store.bucket(),
                        objects.stream()
                                .filter(o -> o.key().endsWith(".ckpt"))
                                .findFirst()
                                .orElseThrow()
                                .key(),
                        back,
                        null))
                .isEqualTo(first.result().checkpointSha256());
    }

    @Test
    void aRunWhosePartitionMovedAwayStopsAndPublishesNothingMore() {
        AtomicBoolean released = new AtomicBoolean();
        engine = randomFinal(() -> released.set(true));
        TrainingJobRequested job = job(1);

        assertThat(service.run(job, released::get)).isEqualTo(JobOutcomeKind.RELEASED);

        assertThat(published).hasSize(1).first().isInstanceOf(JobStarted.class);
        assertThat(events(CheckpointSaved.class)).isEmpty();
        assertThat(store.list(store.bucket(), CheckpointStore.jobPrefix(job.experimentId(), job.jobId())))
                .isEmpty();
    }

    @Test
    void aFrozenTrainingThreadStopsTheHeartbeatsAndIsReportedStalledWhileItsHeartbeatThreadRuns()
            throws InterruptedException {
        CountDownLatch thaw = new CountDownLatch(1);
        engine = (job, listener, cancelled) -> {
            listener.onStart(null, "cpu");
            listener.onIteration(1, 1, 0.1);
            try {
                thaw.await(); // frozen: no mini-batch, no epoch, no checkpoint
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return randomFinal(() -> {}).run(job, TrainingListener.NONE, cancelled);
        };
        TrainingJobRequested job = job(1);
        CompletableFuture<JobOutcomeKind> run = CompletableFuture.supplyAsync(() -> service.run(job, () -> false));

        await().atMost(Duration.ofSeconds(30)).until(() -> service.stalledJobs().contains(job.jobId()));
        int heartbeats = events(JobHeartbeat.class).size();
        assertThat(heartbeats).isPositive();
        // Well past the heartbeat interval, nothing more is sent for the frozen job.
        await().pollDelay(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(2))
                .until(() -> events(JobHeartbeat.class).size() == heartbeats);

        thaw.countDown();
        assertThat(run).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(JobOutcomeKind.COMPLETED);
        assertThat(service.stalledJobs()).isEmpty();
    }

    @Test
    void anOutOfMemoryErrorInAJobEndsInAPublishedRetryableJobFailed() {
        engine = (job, listener, cancelled) -> {
            listener.onStart(null, "cpu");
            throw new OutOfMemoryError("Java heap space");
        };
        TrainingJobRequested job = job(1);

        assertThat(service.run(job, () -> false)).isEqualTo(JobOutcomeKind.FAILED);

        assertThat(events(JobFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.reason()).contains("OutOfMemoryError", "Java heap space");
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.attempt()).isEqualTo(1);
        });
    }
}

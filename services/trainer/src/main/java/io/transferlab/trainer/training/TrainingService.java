package io.transferlab.trainer.training;

import io.transferlab.contracts.events.CheckpointSaved;
import io.transferlab.contracts.events.EpochCompleted;
import io.transferlab.contracts.events.JobCancelled;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobFailed;
import io.transferlab.contracts.events.JobHeartbeat;
import io.transferlab.contracts.events.JobStarted;
import io.transferlab.contracts.events.TrainingJobRequested;
import io.transferlab.contracts.model.CheckpointRef;
import io.transferlab.contracts.model.JobKind;
import io.transferlab.contracts.model.JobResult;
import io.transferlab.trainer.engine.EngineJob;
import io.transferlab.trainer.engine.EpochStats;
import io.transferlab.trainer.engine.InvalidInputException;
import io.transferlab.trainer.engine.JobCancelledException;
import io.transferlab.trainer.engine.JobOutcome;
import io.transferlab.trainer.engine.TrainingDivergedException;
import io.transferlab.trainer.engine.TrainingListener;
import io.transferlab.trainer.metrics.TrainerMetrics;
import io.transferlab.trainer.storage.CheckpointStore;
import io.transferlab.trainer.storage.CheckpointStore.LocalCheckpoint;
import io.transferlab.trainer.storage.CompletedRun;
import io.transferlab.trainer.storage.CorruptObjectException;
import io.transferlab.trainer.storage.InputCache;
import io.transferlab.trainer.storage.ObjectMissingException;
import io.transferlab.trainer.storage.ObjectStoreUnavailableException;
import io.transferlab.trainer.storage.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs one delivered job from start to its terminal event: fetches and verifies its inputs, resumes
 * from its newest valid epoch checkpoint in the store, trains through the engine, uploads checkpoints
 * in the background while the next epoch trains, and reports every step on {@code transferlab.job-events}.
 * {@code JobCompleted} goes out only once the final checkpoint is durable.
 */
public class TrainingService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TrainingService.class);

    /** What the service needs besides its collaborators. */
    public record Settings(
            String trainerId,
            Path workDir,
            int checkpointRetention,
            Duration heartbeatInterval,
            Duration stallTimeout,
            Duration checkpointInterval) {}

    private final Settings settings;
    private final TrainingEngine engine;
    private final CheckpointStore checkpoints;
    private final InputCache inputs;
    private final JobEventSink events;
    private final TrainerMetrics metrics;
    private final CancelledExperiments cancelledExperiments;
    private final String backend;
    private final ExecutorService uploads = Executors.newCachedThreadPool(daemon("checkpoint-upload"));
    private final ScheduledExecutorService heartbeats =
            Executors.newSingleThreadScheduledExecutor(daemon("job-heartbeat"));
    private final Map<String, Run> active = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;

    public TrainingService(
            Settings settings,
            TrainingEngine engine,
            CheckpointStore checkpoints,
            InputCache inputs,
            JobEventSink events,
            TrainerMetrics metrics,
            CancelledExperiments cancelledExperiments,
            String backend) {
        this.settings = settings;
        this.engine = engine;
        this.checkpoints = checkpoints;
        this.inputs = inputs;
        this.events = events;
        this.metrics = metrics;
        this.cancelledExperiments = cancelledExperiments;
        this.backend = backend;
    }

    /**
     * Trains the job. {@code released} answers true when this trainer no longer owns the job (its
     * partition moved to another trainer); the job then stops within one mini-batch without a terminal event.
     */
    public JobOutcomeKind run(TrainingJobRequested job, BooleanSupplier released) {
        return run(job, released, ComputeSlot.ALWAYS_FREE);
    }

    /**
     * As {@link #run(TrainingJobRequested, BooleanSupplier)}, computing only while it holds {@code slot}: the job
     * checks the store for an earlier result and fetches its inputs first, then waits for the slot (without
     * heartbeats: it has not started), and gives it back once training and evaluation are over; what is left,
     * writing the final checkpoint and I/O (its upload, the stored result, the events), goes on beside the next job.
     */
    public JobOutcomeKind run(TrainingJobRequested job, BooleanSupplier released, ComputeSlot slot) {
        MDC.put("experimentId", job.experimentId());
        MDC.put("jobId", job.jobId());
        Run run = new Run(job, released, slot);
        try {
            if (!takeOver(run)) {
                return JobOutcomeKind.SUPERSEDED;
            }
            metrics.jobStarted();
            JobOutcomeKind outcome = null;
            try {
                outcome = run.execute();
                return outcome;
            } finally {
                metrics.jobEnded(
                        outcome != null && outcome.terminal() ? outcome.name().toLowerCase(Locale.ROOT) : null);
            }
        } finally {
            slot.release();
            active.remove(job.jobId(), run);
            run.ended.countDown();
            MDC.remove("experimentId");
            MDC.remove("jobId");
        }
    }

    /**
     * Two attempts of one job never train side by side here: a newer attempt stops the older one and waits
     * for it to end; an attempt that is already running (or older than the one running) is not run again.
     */
    private boolean takeOver(Run run) {
        Run previous;
        synchronized (active) {
            previous = active.get(run.job.jobId());
            if (previous != null && previous.job.attempt() >= run.job.attempt()) {
                LOG.infof(
                        "job %s: attempt %d is already running here; not running attempt %d as well",
                        run.job.jobId(), previous.job.attempt(), run.job.attempt());
                return false;
            }
            active.put(run.job.jobId(), run);
        }
        if (previous != null) {
            LOG.infof(
                    "job %s: attempt %d supersedes attempt %d running here; stopping that one first",
                    run.job.jobId(), run.job.attempt(), previous.job.attempt());
            previous.superseded = true;
            try {
                previous.ended.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while attempt " + previous.job.attempt() + " stops", e);
            }
        }
        return true;
    }

    /** Jobs running here that made no progress for the stall timeout (a frozen training thread). */
    public List<String> stalledJobs() {
        return active.values().stream()
                .filter(Run::stalled)
                .map(r -> r.job.jobId())
                .toList();
    }

    /** Tells running jobs to stop within one mini-batch without terminal events, so they are delivered again. */
    public void stopJobs() {
        shuttingDown = true;
    }

    /** Stops the upload and heartbeat threads; call after the running jobs have ended. */
    @Override
    public void close() {
        stopJobs();
        heartbeats.shutdownNow();
        uploads.shutdown();
    }

    /** One attempt at one job: its listener, its upload chain and its heartbeat. */
    private final class Run implements TrainingListener {
        private final TrainingJobRequested job;
        private final BooleanSupplier released;
        private final ComputeSlot slot;
        /** While it waits for a compute slot a job makes no progress and is not stalled. */
        private volatile boolean waitingForSlot;

        private long waitedNanos;
        private final long startNanos = System.nanoTime();
        private final Path jobDir;
        private final AtomicReference<Throwable> uploadFailure = new AtomicReference<>();
        private final AtomicReference<StoredObject> finalObject = new AtomicReference<>();
        private final AtomicBoolean started = new AtomicBoolean();
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile boolean superseded;
        /** Heartbeats mean progress: they stop once nothing moved for the stall timeout. */
        private volatile long lastProgressNanos = System.nanoTime();

        private volatile long storeRetriesSeen;
        private volatile boolean stallReported;
        private CompletableFuture<Void> uploadChain = CompletableFuture.completedFuture(null);
        private volatile int epoch;
        private volatile long iteration;
        private volatile double progress;

        Run(TrainingJobRequested job, BooleanSupplier released, ComputeSlot slot) {
            this.job = job;
            this.released = released;
            this.slot = slot;
            this.jobDir = settings.workDir().resolve("jobs").resolve(job.jobId() + "-a" + job.attempt());
        }

        JobOutcomeKind execute() {
            if (cancelledExperiments.isCancelled(job.experimentId())) {
                return cancelled("experiment " + job.experimentId() + " was cancelled before the job started");
            }
            ScheduledFuture<?> heartbeat = null;
            try {
                recreate(jobDir);
                Optional<CompletedRun> done =
                        checkpoints.completedRun(job.experimentId(), job.jobId(), job.attempt(), job.spec(), jobDir);
                if (done.isPresent()) {
                    return republish(done.get());
                }
                Map<String, Path> inputCheckpoints = new LinkedHashMap<>();
                for (CheckpointRef ref : job.spec().inputs()) {
                    inputCheckpoints.put(ref.jobId(), inputs.checkpoint(ref));
                }
                Path datasetRoot = inputs.dataset(job.spec().dataset());
                Optional<LocalCheckpoint> resume =
                        checkpoints.latestVerifiedEpoch(job.experimentId(), job.jobId(), jobDir);
                resume.ifPresent(r -> LOG.infof(
                        "job %s (attempt %d): resuming from epoch %d", job.jobId(), job.attempt(), r.epoch()));
                if (!takeSlot()) {
                    return stopped();
                }
                progressed();
                long every = settings.heartbeatInterval().toMillis();
                heartbeat = heartbeats.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);

                Path engineDir = Files.createDirectories(jobDir.resolve("engine"));
                EngineJob engineJob = new EngineJob(
                        job.experimentId(),
                        job.jobId(),
                        job.spec(),
                        datasetRoot,
                        inputCheckpoints,
                        resume.map(LocalCheckpoint::file).orElse(null),
                        engineDir,
                        settings.checkpointInterval());
                JobOutcome outcome = train(engineJob);
                slot.release();
                awaitUploads();
                StoredObject stored = finalObject.get();
                if (stored == null && outcome.finalCheckpoint() != null) {
                    stored = upload(job.jobId(), outcome.epochs(), outcome.finalCheckpoint(), true);
                }
                heartbeat.cancel(false);
                long totalMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos - waitedNanos);
                boolean cka = job.spec().kind() == JobKind.CKA;
                JobResult result = new JobResult(
                        cka ? null : fraction(outcome.testTop1()),
                        cka ? null : fraction(outcome.testTop5()),
                        cka ? null : fraction(outcome.summaryTop1()),
                        cka ? null : fraction(outcome.finalValTop1()),
                        outcome.epochs(),
                        stored == null ? null : stored.uri(),
                        stored == null ? null : stored.sha256(),
                        outcome.trainMillis(),
                        totalMillis,
                        outcome.firstLayerFilters(),
                        outcome.cka(),
                        outcome.summaryMetric(),
                        outcome.stepMillis(),
                        outcome.evalMillis(),
                        cka ? null : outcome.lastHalfGain());
                ensureOwned();
                CompletedRun kept = checkpoints.saveResult(
                        job.experimentId(), job.jobId(), new CompletedRun(job.attempt(), job.spec(), result), jobDir);
                if (!kept.result().equals(result)) {
                    LOG.warnf(
                            "job %s: another run of attempt %d stored its result first; reporting that one",
                            job.jobId(), job.attempt());
                }
                publish(JobCompleted.of(job.experimentId(), job.jobId(), job.attempt(), kept.result()));
                metrics.jobTimes(totalMillis, outcome.stepMillis(), outcome.evalMillis());
                LOG.infof(
                        "job %s completed: summary top-1 %.4f, test top-1 %.4f; %d ms on this trainer: steps %d,"
                                + " evaluation %d, rest of the engine %d, inputs and checkpoint uploads %d",
                        job.jobId(),
                        outcome.summaryTop1(),
                        outcome.testTop1(),
                        totalMillis,
                        outcome.stepMillis(),
                        outcome.evalMillis(),
                        outcome.trainMillis() - outcome.stepMillis() - outcome.evalMillis(),
                        totalMillis - outcome.trainMillis());
                return JobOutcomeKind.COMPLETED;
            } catch (ReleasedException e) {
                LOG.infof(
                        "job %s (attempt %d) no longer belongs to this run (%s); publishing nothing more",
                        job.jobId(), job.attempt(), e.getMessage());
                return superseded ? JobOutcomeKind.SUPERSEDED : JobOutcomeKind.RELEASED;
            } catch (JobCancelledException e) {
                return stopped();
            } catch (TrainingDivergedException e) {
                return failed(e.getMessage(), false, e, JobFailed.DIVERGED);
            } catch (InvalidInputException | CorruptObjectException | ObjectMissingException e) {
                return failed(e.getMessage(), false, e);
            } catch (ObjectStoreUnavailableException e) {
                return failed("object store unavailable: " + e.getMessage(), true, e);
            } catch (EventNotPublishedException e) {
                LOG.errorf(
                        e, "job %s: an event did not reach Kafka; leaving the job to be delivered again", job.jobId());
                return JobOutcomeKind.RELEASED;
            } catch (RuntimeException | IOException e) {
                if (shuttingDown) {
                    LOG.infof(
                            "job %s interrupted by shutdown (%s); it will be delivered again",
                            job.jobId(), e.toString());
                    return JobOutcomeKind.RELEASED;
                }
                Throwable upload = uploadFailure.get();
                if (upload != null) {
                    return failedOnUpload(upload);
                }
                return failed("unexpected error: " + e, true, e);
            } catch (Throwable e) {
                // An Error (OutOfMemoryError, a native library's LinkageError) still ends in a JobFailed:
                // another trainer, or this one after a restart, may well run the job.
                return failed("error in the trainer: " + e, true, e);
            } finally {
                if (heartbeat != null) {
                    heartbeat.cancel(false);
                }
                awaitUploadsQuietly();
                deleteQuietly(jobDir);
            }
        }

        /**
         * Runs the engine. A resume checkpoint that verified but that the engine refuses (another run's
         * checkpoint under this job's key) costs the saved epochs, not the job: it trains from scratch.
         */
        private JobOutcome train(EngineJob engineJob) {
            if (engineJob.resumeFrom() == null) {
                return engine.run(engineJob, this, this::shouldStop);
            }
            try {
                return engine.run(engineJob, this, this::shouldStop);
            } catch (InvalidInputException e) {
                if (epoch > 0) {
                    throw e;
                }
                LOG.warnf(
                        "job %s: the engine refused resume checkpoint %s (%s); training from scratch",
                        job.jobId(), engineJob.resumeFrom().getFileName(), e.getMessage());
                return engine.run(
                        new EngineJob(
                                engineJob.experimentId(),
                                engineJob.jobId(),
                                engineJob.spec(),
                                engineJob.datasetRoot(),
                                engineJob.inputCheckpoints(),
                                null,
                                engineJob.workDir(),
                                engineJob.checkpointInterval()),
                        this,
                        this::shouldStop);
            }
        }

        private boolean shouldStop() {
            return shuttingDown
                    || owner().isPresent()
                    || uploadFailure.get() != null
                    || cancelledExperiments.isCancelled(job.experimentId());
        }

        /** Why this run no longer owns its job (partition moved, newer attempt here), or empty while it does. */
        private Optional<String> owner() {
            if (superseded) {
                return Optional.of("a newer attempt runs on this trainer");
            }
            if (released.getAsBoolean()) {
                return Optional.of("its partition moved to another trainer");
            }
            return Optional.empty();
        }

        private void ensureOwned() {
            Optional<String> lost = owner();
            if (lost.isPresent()) {
                throw new ReleasedException(lost.get());
            }
        }

        /** Every event of the run goes out only while the run still owns its job. */
        private void publish(io.transferlab.contracts.events.TransferLabEvent event) {
            ensureOwned();
            events.publish(event);
        }

        /** An earlier delivery of this job completed: report its stored result again, train nothing. */
        private JobOutcomeKind republish(CompletedRun done) {
            LOG.infof(
                    "job %s: attempt %d already completed (result and final checkpoint in the store); "
                            + "reporting it again for attempt %d without training",
                    job.jobId(), done.attempt(), job.attempt());
            publish(JobCompleted.of(job.experimentId(), job.jobId(), job.attempt(), done.result()));
            return JobOutcomeKind.COMPLETED;
        }

        private JobOutcomeKind stopped() {
            Throwable upload = uploadFailure.get();
            if (upload != null) {
                return failedOnUpload(upload);
            }
            if (cancelledExperiments.isCancelled(job.experimentId())) {
                return cancelled("experiment " + job.experimentId() + " was cancelled");
            }
            LOG.infof(
                    "job %s stopped on this trainer (%s)",
                    job.jobId(), shuttingDown ? "shutting down" : owner().orElse("stopped"));
            return superseded ? JobOutcomeKind.SUPERSEDED : JobOutcomeKind.RELEASED;
        }

        private JobOutcomeKind failedOnUpload(Throwable upload) {
            Throwable cause =
                    upload instanceof CompletionException && upload.getCause() != null ? upload.getCause() : upload;
            if (cause instanceof ObjectStoreUnavailableException) {
                return failed("checkpoint upload failed, object store unavailable: " + cause.getMessage(), true, cause);
            }
            return failed("checkpoint upload failed: " + cause, true, cause);
        }

        private JobOutcomeKind cancelled(String reason) {
            try {
                publish(JobCancelled.of(job.experimentId(), job.jobId(), job.attempt(), reason));
                LOG.infof("job %s cancelled: %s", job.jobId(), reason);
                return JobOutcomeKind.CANCELLED;
            } catch (EventNotPublishedException e) {
                LOG.errorf(e, "job %s: could not publish JobCancelled", job.jobId());
                return JobOutcomeKind.RELEASED;
            } catch (ReleasedException e) {
                return superseded ? JobOutcomeKind.SUPERSEDED : JobOutcomeKind.RELEASED;
            }
        }

        private JobOutcomeKind failed(String reason, boolean retryable, Throwable cause) {
            return failed(reason, retryable, cause, null);
        }

        private JobOutcomeKind failed(String reason, boolean retryable, Throwable cause, String failureKind) {
            LOG.errorf(cause, "job %s failed (%s): %s", job.jobId(), retryable ? "retryable" : "not retryable", reason);
            try {
                publish(JobFailed.of(
                        job.experimentId(),
                        job.jobId(),
                        job.attempt(),
                        reason == null ? cause.toString() : reason,
                        retryable,
                        failureKind));
                return JobOutcomeKind.FAILED;
            } catch (EventNotPublishedException e) {
                LOG.errorf(e, "job %s: could not publish JobFailed", job.jobId());
                return JobOutcomeKind.RELEASED;
            } catch (ReleasedException e) {
                return superseded ? JobOutcomeKind.SUPERSEDED : JobOutcomeKind.RELEASED;
            }
        }

        /** Only the final checkpoint is left to write: the compute slot may go to the next job. */
        @Override
        public void onComputed() {
            progressed();
            slot.release();
        }

        /** Waits for a compute slot; false when the job must stop first (cancelled, released, shutting down). */
        private boolean takeSlot() {
            long start = System.nanoTime();
            waitingForSlot = true;
            try {
                return slot.acquire(this::shouldStop);
            } finally {
                waitingForSlot = false;
                waitedNanos = System.nanoTime() - start;
            }
        }

        /** The engine accepted the inputs (and the resume point): the job has really started. */
        @Override
        public void onStart(Integer resumedFromEpoch, String engineBackend) {
            progressed();
            if (started.compareAndSet(false, true)) {
                publish(JobStarted.of(
                        job.experimentId(),
                        job.jobId(),
                        job.attempt(),
                        settings.trainerId(),
                        engineBackend == null ? backend : engineBackend,
                        resumedFromEpoch));
            }
        }

        private void progressed() {
            lastProgressNanos = System.nanoTime();
        }

        /**
         * True when nothing moved for the stall timeout. Waiting out an object-store outage moves: every
         * retry of a store call counts, so a job waiting for the store is never taken for a stuck one.
         */
        boolean stalled() {
            if (waitingForSlot) {
                return false;
            }
            long retries = checkpoints.objectStore().retries();
            if (retries != storeRetriesSeen) {
                storeRetriesSeen = retries;
                progressed();
            }
            return System.nanoTime() - lastProgressNanos
                    > settings.stallTimeout().toNanos();
        }

        @Override
        public void onIteration(int epoch, long iteration, double progress) {
            progressed();
            this.epoch = epoch;
            this.iteration = iteration;
            this.progress = Math.max(0.0, Math.min(1.0, progress));
        }

        @Override
        public void onEpoch(EpochStats stats) {
            progressed();
            metrics.epoch(stats.imagesPerSecond(), stats.epochMillis());
            publish(EpochCompleted.of(
                    job.experimentId(),
                    job.jobId(),
                    job.attempt(),
                    stats.epoch(),
                    stats.epochs(),
                    stats.trainLoss(),
                    stats.valTop1(),
                    stats.valTop5(),
                    stats.learningRate(),
                    stats.imagesPerSecond(),
                    stats.epochMillis()));
        }

        /** Queues the upload and returns at once: the next epoch trains while the checkpoint goes up. */
        @Override
        public synchronized void onCheckpoint(int epoch, Path file, boolean isFinal) {
            progressed();
            uploadChain = uploadChain.thenRunAsync(
                    () -> {
                        if (uploadFailure.get() != null || owner().isPresent()) {
                            return;
                        }
                        try {
                            StoredObject stored = upload(job.jobId(), epoch, file, isFinal);
                            if (isFinal) {
                                finalObject.set(stored);
                            } else {
                                checkpoints.applyRetention(
                                        job.experimentId(), job.jobId(), settings.checkpointRetention());
                            }
                            Files.deleteIfExists(file);
                        } catch (ReleasedException e) {
                            LOG.debugf(
                                    "job %s: checkpoint %s not uploaded, %s",
                                    job.jobId(), file.getFileName(), e.getMessage());
                        } catch (RuntimeException | IOException e) {
                            LOG.errorf(e, "job %s: checkpoint %s was not stored", job.jobId(), file.getFileName());
                            uploadFailure.compareAndSet(null, e);
                        }
                    },
                    uploads);
        }

        /** Uploads, then reports: CheckpointSaved is sent only for an object the store confirmed. */
        private StoredObject upload(String jobId, int epoch, Path file, boolean isFinal) {
            long start = System.nanoTime();
            ensureOwned();
            StoredObject stored = isFinal
                    ? checkpoints.uploadFinal(job.experimentId(), jobId, job.attempt(), file)
                    : checkpoints.uploadEpoch(job.experimentId(), jobId, epoch, file);
            progressed();
            metrics.checkpointUploaded(stored.sizeBytes(), Duration.ofNanos(System.nanoTime() - start));
            publish(CheckpointSaved.of(
                    job.experimentId(),
                    jobId,
                    job.attempt(),
                    isFinal ? Math.max(epoch, this.epoch) : epoch,
                    stored.uri(),
                    stored.sizeBytes(),
                    stored.sha256(),
                    isFinal));
            return stored;
        }

        private void awaitUploads() {
            CompletableFuture<Void> chain;
            synchronized (this) {
                chain = uploadChain;
            }
            chain.join();
            Throwable failure = uploadFailure.get();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure != null) {
                throw new UncheckedIOException("checkpoint upload failed", (IOException) failure);
            }
        }

        private void awaitUploadsQuietly() {
            try {
                CompletableFuture<Void> chain;
                synchronized (this) {
                    chain = uploadChain;
                }
                chain.join();
            } catch (RuntimeException e) {
                LOG.debugf("upload chain ended with %s", e.toString());
            }
        }

        private void heartbeat() {
            if (owner().isPresent()) {
                return;
            }
            if (stalled()) {
                if (!stallReported) {
                    stallReported = true;
                    LOG.errorf(
                            "job %s (attempt %d) made no progress for %s: no more heartbeats, so it is "
                                    + "dispatched again; this trainer reports not live",
                            job.jobId(), job.attempt(), settings.stallTimeout());
                }
                return;
            }
            try {
                publish(JobHeartbeat.of(
                        job.experimentId(),
                        job.jobId(),
                        job.attempt(),
                        settings.trainerId(),
                        epoch,
                        iteration,
                        progress));
            } catch (RuntimeException e) {
                LOG.warnf("job %s: heartbeat not published: %s", job.jobId(), e.toString());
            }
        }
    }

    /** Thrown inside a run that lost its job: it stops and publishes nothing more. */
    private static final class ReleasedException extends RuntimeException {
        ReleasedException(String why) {
            super(why);
        }
    }

    /** Accuracies go on the wire as fractions, or not at all when the engine had none (NaN). */
    private static Double fraction(Double value) {
        return value == null || value.isNaN() ? null : value;
    }

    private static void recreate(Path dir) throws IOException {
        deleteQuietly(dir);
        Files.createDirectories(dir);
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warnf("cannot clean %s: %s", dir, e.toString());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}

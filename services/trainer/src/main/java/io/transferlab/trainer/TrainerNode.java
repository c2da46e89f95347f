package io.transferlab.trainer;

import io.micrometer.core.instrument.MeterRegistry;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.trainer.engine.JobRunner;
import io.transferlab.trainer.engine.backend.NativeBackend;
import io.transferlab.trainer.messaging.ExperimentCancellationConsumer;
import io.transferlab.trainer.messaging.JobConsumer;
import io.transferlab.trainer.messaging.JobEventPublisher;
import io.transferlab.trainer.metrics.TrainerMetrics;
import io.transferlab.trainer.storage.CheckpointStore;
import io.transferlab.trainer.storage.InputCache;
import io.transferlab.trainer.storage.ObjectStore;
import io.transferlab.trainer.storage.ObjectStoreSettings;
import io.transferlab.trainer.storage.ObjectStoreWatch;
import io.transferlab.trainer.training.BackendInfo;
import io.transferlab.trainer.training.CancelledExperiments;
import io.transferlab.trainer.training.TrainingService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * One trainer instance assembled from plain objects: object store, event publisher, training service,
 * job consumer and cancellation watcher. The Quarkus application ({@link TrainerLifecycle}) and
 * stand-alone processes build it the same way.
 */
public class TrainerNode implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TrainerNode.class);

    /** Everything a trainer instance is configured with. */
    public record Settings(
            String trainerId,
            KafkaClientConfig kafka,
            int maxConcurrentJobs,
            Duration heartbeatInterval,
            Path workDir,
            Path dataDir,
            int checkpointRetention,
            ObjectStoreSettings objectStore,
            Duration stallTimeout,
            Duration checkpointInterval,
            String warmUpDataset) {}

    private final Settings settings;
    private final TrainerMetrics metrics;
    private final ObjectStore objectStore;
    private final ObjectStoreWatch storeWatch;
    private final CancelledExperiments cancelledExperiments = new CancelledExperiments();
    private volatile BackendInfo backend;
    private volatile JobRunner runner;
    private volatile JobEventPublisher publisher;
    private volatile TrainingService training;
    private volatile JobConsumer jobs;
    private volatile ExperimentCancellationConsumer cancellations;
    private volatile boolean closed;

    public TrainerNode(Settings settings, MeterRegistry registry) {
        this.settings = settings;
        this.metrics = new TrainerMetrics(registry);
        this.objectStore = new ObjectStore(settings.objectStore());
        this.storeWatch = new ObjectStoreWatch(objectStore, Duration.ofSeconds(2));
    }

    /**
     * Loads the ND4J backend, makes sure the bucket exists, then starts taking jobs. Blocks until then;
     * throws {@link io.transferlab.trainer.storage.ObjectStoreUnavailableException} when the store stays
     * away for the retry window, and may then be called again.
     */
    public void start() {
        if (backend == null) {
            BackendInfo loaded = BackendInfo.detect();
            metrics.backend(loaded.backend(), loaded.device());
            LOG.infof(
                    "trainer %s runs on ND4J backend %s, device %s (%s)",
                    settings.trainerId(), loaded.backend(), loaded.device(), loaded.description());
            warnIfOversubscribed(
                    loaded, settings.maxConcurrentJobs(), Runtime.getRuntime().availableProcessors());
            backend = loaded;
        }
        if (runner == null) {
            runner = warmedUp(new JobRunner());
        }
        objectStore.ensureBucket();
        synchronized (this) {
            if (closed) {
                return;
            }
            storeWatch.start();
            publisher = new JobEventPublisher(settings.kafka(), settings.trainerId());
            training = new TrainingService(
                    new TrainingService.Settings(
                            settings.trainerId(),
                            settings.workDir(),
                            settings.checkpointRetention(),
                            settings.heartbeatInterval(),
                            settings.stallTimeout(),
                            settings.checkpointInterval()),
                    runner::run,
                    new CheckpointStore(objectStore),
                    new InputCache(objectStore, settings.workDir(), settings.dataDir()),
                    publisher,
                    metrics,
                    cancelledExperiments,
                    backend.backend() + " (" + backend.device() + ")");
            ExperimentCancellationConsumer watcher =
                    new ExperimentCancellationConsumer(settings.kafka(), settings.trainerId(), cancelledExperiments);
            watcher.start();
            cancellations = watcher;
            JobConsumer consumer = new JobConsumer(
                    settings.kafka(),
                    settings.trainerId(),
                    settings.maxConcurrentJobs(),
                    training::run,
                    publisher,
                    this::takingJobs);
            consumer.start();
            jobs = consumer;
        }
    }

    /**
     * The runner after its warm-up on {@code warm-up-dataset} (when set and its files are under the data folder):
     * the dataset decoded and kept for the jobs, DL4J's first steps taken, before this trainer takes a job and
     * reports ready. A warm-up that fails is logged and skipped: the first job then pays for it, as without one.
     */
    private JobRunner warmedUp(JobRunner fresh) {
        String dataset = settings.warmUpDataset();
        if (dataset == null || dataset.isBlank()) {
            return fresh;
        }
        Path root = settings.dataDir().resolve(dataset);
        try {
            fresh.warmUp(dataset, root)
                    .ifPresentOrElse(
                            took -> LOG.infof(
                                    "warmed up in %d ms: %s decoded and kept, a throwaway network trained",
                                    took.toMillis(), dataset),
                            () -> LOG.infof(
                                    "no warm-up: %s is not a built-in dataset with files at %s", dataset, root));
        } catch (RuntimeException e) {
            LOG.warnf(e, "warm-up on %s failed; the first job will decode the dataset itself", dataset);
        }
        return fresh;
    }

    /**
     * On CPU, more OpenMP threads in all than cores makes every job wait at its barriers for a descheduled sibling
     * (benchmarks/README.md, "Cores"): threads per job x jobs should not exceed the cores.
     */
    static String oversubscription(String backend, int threadsPerJob, int jobs, int cores) {
        if (!"cpu".equalsIgnoreCase(backend) || (long) threadsPerJob * jobs <= cores) {
            return null;
        }
        return String.format(
                "%d jobs x %d OpenMP threads each on %d cores: the jobs will wait for each other's threads; set"
                        + " OMP_NUM_THREADS to cores / transferlab.trainer.max-concurrent-jobs (%d)",
                jobs, threadsPerJob, cores, Math.max(1, cores / jobs));
    }

    private static void warnIfOversubscribed(BackendInfo loaded, int jobs, int cores) {
        String warning = oversubscription(loaded.backend(), NativeBackend.threads(), Math.max(1, jobs), cores);
        if (warning != null) {
            LOG.warn(warning);
        }
    }

    public Settings settings() {
        return settings;
    }

    public ObjectStore objectStore() {
        return objectStore;
    }

    public TrainerMetrics metrics() {
        return metrics;
    }

    /** How many times this trainer's engine decoded a dataset's files (a warm-up counts; a job served from memory not). */
    public long datasetDecodes() {
        JobRunner r = runner;
        return r == null ? 0 : r.datasetDecodes();
    }

    /** The loaded backend, or null while ND4J is still loading. */
    public BackendInfo backend() {
        return backend;
    }

    /** True once {@link #start()} got as far as the job consumer. */
    public boolean started() {
        return jobs != null;
    }

    /** Taking jobs and watching cancellations. */
    public boolean isConsuming() {
        JobConsumer j = jobs;
        ExperimentCancellationConsumer c = cancellations;
        return j != null && j.isAlive() && c != null && c.isReady();
    }

    /**
     * False while the object store is away, and until the cancellation watcher has read the recent cancellations
     * (a restarted trainer must not take a job of an experiment cancelled before its start): the job consumer
     * takes no new job then.
     */
    public boolean takingJobs() {
        ExperimentCancellationConsumer c = cancellations;
        return storeWatch.reachable() && c != null && c.isReady();
    }

    /** Partitions of the job topic this trainer owns now (0 while starting). */
    public int assignedPartitions() {
        JobConsumer j = jobs;
        return j == null ? 0 : j.assignedPartitions();
    }

    /**
     * Why this trainer is not working, or null while it is: a consumer thread (jobs, cancellations) died
     * or stopped polling, or a job made no progress for the stall timeout. A long job that progresses
     * does not count.
     */
    public String livenessProblem() {
        JobConsumer j = jobs;
        if (j != null && !j.isAlive()) {
            return "job consumer thread died or stopped polling";
        }
        ExperimentCancellationConsumer c = cancellations;
        if (c != null && !c.isAlive()) {
            return "cancellation consumer thread died or stopped polling";
        }
        if (jobs != null && !storeWatch.isAlive()) {
            return "object-store watch stopped";
        }
        TrainingService t = training;
        List<String> stalled = t == null ? List.of() : t.stalledJobs();
        return stalled.isEmpty() ? null : "no progress for " + settings.stallTimeout() + " in job " + stalled;
    }

    public boolean isAlive() {
        return livenessProblem() == null;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        if (training != null) {
            training.stopJobs();
        }
        if (jobs != null) {
            jobs.close();
        }
        if (training != null) {
            training.close();
        }
        if (cancellations != null) {
            cancellations.close();
        }
        storeWatch.close();
        if (publisher != null) {
            publisher.close();
        }
    }
}

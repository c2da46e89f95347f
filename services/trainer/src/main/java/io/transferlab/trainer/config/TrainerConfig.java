package io.transferlab.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** {@code transferlab.trainer.*}: how this trainer instance takes and runs jobs (DESIGN.md, Configuration). */
@ConfigMapping(prefix = "transferlab.trainer")
public interface TrainerConfig {

    /** Names this instance in {@code JobStarted} and heartbeats; the host name when unset. */
    Optional<String> id();

    /** Jobs trained at the same time by this instance; no other job is fetched while all slots are busy. */
    @WithDefault("1")
    int maxConcurrentJobs();

    @WithDefault("5s")
    Duration heartbeatInterval();

    /** Checkpoint files, the base-checkpoint cache (by digest) and datasets from {@code s3://} locations. */
    @WithDefault("${java.io.tmpdir}/transferlab-trainer")
    Path workDir();

    /** Where named datasets live when a request gives no location: {@code <data-dir>/<dataset name>}. */
    @WithDefault("/usr/share/datasets")
    Path dataDir();

    /**
     * A job that made no progress for this long (no mini-batch, epoch, checkpoint, or object-store retry)
     * is stuck: its heartbeats stop, so the coordinator dispatches it again, and the trainer reports not
     * live, so it is restarted. Longer than the slowest step: dataset loading before the first batch.
     */
    @WithDefault("5m")
    Duration stallTimeout();

    /**
     * Least time between two epoch checkpoints of a job (counted from its start): an epoch checkpoint is written
     * only when this long has passed since the last one, so a crash loses at most this much training while jobs
     * with short epochs do not spend their time writing and uploading checkpoints. {@code 0s}: after every epoch.
     * The final checkpoint is always written.
     */
    @WithDefault("30s")
    Duration checkpointInterval();

    /**
     * A built-in dataset (its files under {@code data-dir}) to decode and keep, and to take DL4J's first training
     * steps on, before this trainer takes a job and reports ready, so that no job pays for them. Unset: none (the
     * first job on each dataset decodes it).
     */
    Optional<String> warmUpDataset();

    /** Epoch checkpoints kept per job in the object store (the final checkpoint is always kept). */
    @WithDefault("2")
    int checkpointRetention();
}

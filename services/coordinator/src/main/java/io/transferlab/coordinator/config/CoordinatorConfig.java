package io.transferlab.coordinator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The coordinator's settings ({@code transferlab.coordinator.*}, see docs/DESIGN.md). */
@ConfigMapping(prefix = "transferlab.coordinator")
public interface CoordinatorConfig {

    /** A running job with no event for this long is presumed lost and re-dispatched. */
    @WithDefault("60s")
    Duration heartbeatTimeout();

    /**
     * A dispatched job that no trainer started this long after its dispatch, while no trainer reported
     * anything either, is presumed lost and dispatched again (a queue behind busy trainers never is).
     */
    @WithDefault("10m")
    Duration startTimeout();

    /** Dispatches per job, the first included. */
    @WithDefault("3")
    int maxAttempts();

    /** Requests that plan more jobs are rejected. */
    @WithDefault("2000")
    int maxJobsPerExperiment();

    /**
     * How often the changed state is written to the compacted state topic; a restart replays only the
     * events after the last snapshot.
     */
    @WithDefault("10s")
    Duration snapshotInterval();

    /** Larger request messages are dead-lettered; larger REST bodies get 413. */
    @WithDefault("262144")
    int maxRequestBytes();

    /** How long one publish to Kafka may take, from send to acknowledgement. */
    @WithDefault("30s")
    Duration publishTimeout();

    /**
     * How long the answer to one record is retried before the record is skipped with a minimal dead
     * letter (so one record can never stall the requests topic).
     */
    @WithDefault("60s")
    Duration answerPatience();

    /** Local folders a request's {@code dataset.location} may lie below (a trainer reads what it names). */
    @WithDefault("/usr/share/datasets")
    List<String> datasetRoots();

    /** S3 buckets a request's {@code dataset.location} may name; none by default. */
    Optional<List<String>> datasetBuckets();

    /** The trainers' checkpoint bucket ({@code transferlab.s3.bucket}): never a dataset location. */
    @WithDefault("${transferlab.s3.bucket:transferlab}")
    String checkpointBucket();
}

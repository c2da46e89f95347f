package io.transferlab.trainer.engine;

import io.transferlab.contracts.model.JobSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the engine needs for one job; files are local (the service downloads from S3 first).
 *
 * @param datasetRoot folder holding the dataset files (resolved location; default /usr/share/datasets/&lt;name&gt;)
 * @param inputCheckpoints by {@code CheckpointRef.jobId()}: the base net to copy from, or both bases for CKA
 * @param resumeFrom an epoch checkpoint of THIS job to resume from, or null
 * @param workDir where the engine writes checkpoint files
 * @param checkpointInterval least time between two epoch checkpoints (from the job's start); zero: every epoch
 */
public record EngineJob(
        String experimentId,
        String jobId,
        JobSpec spec,
        Path datasetRoot,
        Map<String, Path> inputCheckpoints,
        Path resumeFrom,
        Path workDir,
        Duration checkpointInterval) {
    public EngineJob {
        inputCheckpoints = inputCheckpoints == null ? Map.of() : Map.copyOf(inputCheckpoints);
        checkpointInterval = checkpointInterval == null ? Duration.ZERO : checkpointInterval;
        if (checkpointInterval.isNegative()) {
            throw new IllegalArgumentException("checkpoint interval must not be negative: " + checkpointInterval);
        }
    }
}

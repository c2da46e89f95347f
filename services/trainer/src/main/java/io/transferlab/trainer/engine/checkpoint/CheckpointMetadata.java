package io.transferlab.trainer.engine.checkpoint;

import io.transferlab.contracts.model.TrainingSettings;
import io.transferlab.trainer.engine.network.NetworkSpec;
import io.transferlab.trainer.engine.training.TrainingState;
import java.util.List;

/**
 * What a checkpoint file says about itself (its {@code metadata.json} entry).
 *
 * @param run who produced it and from what inputs; equal for every checkpoint of one run
 * @param state progress at the time of writing (epochs done, iteration, validation history)
 * @param complete true for the final checkpoint of a finished run
 * @param paramsSha256 SHA-256 of the {@code params.bin} entry; likewise {@code updaterSha256}
 */
public record CheckpointMetadata(
        String format,
        int formatVersion,
        RunIdentity run,
        TrainingState state,
        boolean complete,
        String paramsSha256,
        String updaterSha256,
        String backend,
        String savedAt) {
    public static final String FORMAT = "transferlab-tl8-checkpoint";
    public static final int VERSION = 1;

    /**
     * Everything that decides what a run computes. A resume must match it exactly.
     *
     * @param frozenLayers layers 1..frozenLayers have learning rate 0 and no weight decay
     * @param sourceDigest SHA-256 of the base checkpoint that layers 1..n were copied from, or null
     * @param classes the original class indices of the target half, in label order
     * @param mean per-channel normalisation mean of the training images (std likewise)
     */
    public record RunIdentity(
            String experimentId,
            String jobId,
            String arm,
            int n,
            int frozenLayers,
            String sourceHalf,
            String targetHalf,
            long seed,
            String sourceDigest,
            String dataset,
            String datasetDigest,
            String splitDigest,
            List<Integer> classes,
            NetworkSpec architecture,
            TrainingSettings training,
            float[] mean,
            float[] std) {}
}

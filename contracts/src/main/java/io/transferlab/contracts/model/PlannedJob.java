package io.transferlab.contracts.model;

import java.util.List;

/**
 * One node of an experiment's job graph, with the ids of the jobs it waits for. {@code replicate} is the
 * 0-based index of the job's seed in the request's {@code seeds}: jobs of one replicate share their class
 * split and base networks; pool over replicates. Null from producers that predate the field.
 */
public record PlannedJob(
        String jobId,
        JobKind kind,
        Arm arm,
        int n,
        Half sourceHalf,
        Half targetHalf,
        long seed,
        List<String> dependsOn,
        Integer replicate) {
    public PlannedJob {
        if (jobId == null || kind == null) {
            throw new IllegalArgumentException("a planned job needs an id and a kind");
        }
        if (replicate != null && replicate < 0) {
            throw new IllegalArgumentException("replicate must be at least 0, got " + replicate);
        }
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }

    /** A planned job without a replicate index. */
    public PlannedJob(
            String jobId,
            JobKind kind,
            Arm arm,
            int n,
            Half sourceHalf,
            Half targetHalf,
            long seed,
            List<String> dependsOn) {
        this(jobId, kind, arm, n, sourceHalf, targetHalf, seed, dependsOn, null);
    }
}

package io.transferlab.contracts.model;

import java.util.List;

/** One node of an experiment's job graph, with the ids of the jobs it waits for. */
public record PlannedJob(String jobId, JobKind kind, Arm arm, int n, Half sourceHalf, Half targetHalf, long seed,
        List<String> dependsOn) {
    public PlannedJob {
        if (jobId == null || kind == null) {
            throw new IllegalArgumentException("a planned job needs an id and a kind");
        }
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }
}

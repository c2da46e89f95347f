package io.transferlab.coordinator.planning;

import io.transferlab.contracts.model.JobSpec;
import io.transferlab.contracts.model.PlannedJob;

/** One job of a plan: its node in the graph and the spec a trainer gets (inputs filled at dispatch). */
public record JobPlan(PlannedJob node, JobSpec spec) {
    public String jobId() {
        return node.jobId();
    }
}

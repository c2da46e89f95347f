package io.transferlab.coordinator.tracking;

import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.model.Problem;
import java.util.List;

/** One experiment in full: the request as accepted, every job with its dependencies and state. */
public record ExperimentView(
        ExperimentSummary summary,
        String requestDigest,
        ExperimentRequested request,
        List<JobView> jobs,
        List<Problem> problems) {}

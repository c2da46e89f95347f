package io.transferlab.coordinator.api;

import io.transferlab.contracts.model.Problem;
import java.util.List;

/** 400 / 409 / 413 answer: every problem of the request, as in ExperimentRejected. */
public record RequestProblems(String experimentId, List<Problem> problems) {}

package io.transferlab.coordinator.api;

import io.transferlab.contracts.model.ExperimentState;

/** 202 answer to POST /experiments: the experiment's id and the request's CloudEvents id. */
public record RequestAccepted(String experimentId, String requestEventId, ExperimentState status) {}

package io.transferlab.coordinator.api;

/** 202 answer to POST /experiments: the experiment's id and the request's CloudEvents id. */
public record RequestAccepted(String experimentId, String requestEventId, String status) {
}

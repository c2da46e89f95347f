package io.transferlab.coordinator.api;

/** 202 answer to DELETE /experiments/{id}: the cancellation is published. */
public record CancelAccepted(String experimentId, String reason) {}

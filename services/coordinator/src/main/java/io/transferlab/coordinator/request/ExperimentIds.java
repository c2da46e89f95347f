package io.transferlab.coordinator.request;

/** Experiment ids the coordinator assigns when a request names none. */
public final class ExperimentIds {
    private ExperimentIds() {}

    /**
     * Derived from the request's CloudEvents id, so a redelivered request maps to the same experiment:
     * {@code exp-} and the first 12 hex digits of the id's SHA-256.
     */
    public static String derive(String requestEventId) {
        return "exp-" + RequestDigest.sha256Hex(requestEventId).substring(0, 12);
    }
}

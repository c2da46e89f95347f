package io.transferlab.contracts.events;

import java.time.Instant;

/**
 * The job failed. {@code retryable} says whether another attempt can help (an outage: yes; a corrupt input: no).
 * {@code failureKind} classifies the failure for machines (an open string; null from producers that predate it):
 * {@value #DIVERGED} (non-finite loss or outputs: the network's numbers are garbage, never retried, never scored),
 * {@value #INVALID_INPUT}, {@value #UNAVAILABLE} or {@value #ERROR}.
 */
public record JobFailed(
        String eventId,
        Instant occurredAt,
        int schemaVersion,
        String experimentId,
        String jobId,
        int attempt,
        String reason,
        boolean retryable,
        String failureKind)
        implements JobEvent {

    /** Training produced a non-finite loss or non-finite outputs; another attempt with the same settings diverges too. */
    public static final String DIVERGED = "diverged";
    /** An input (checkpoint, dataset, settings) another attempt will not fix. */
    public static final String INVALID_INPUT = "invalid-input";
    /** A dependency (object store, broker) was unavailable; a retry can help. */
    public static final String UNAVAILABLE = "unavailable";
    /** Anything else. */
    public static final String ERROR = "error";

    public JobFailed {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("experimentId", experimentId);
        Events.required("jobId", jobId);
        attempt = Events.attempt(attempt);
        Events.required("reason", reason);
        if (failureKind != null && failureKind.isBlank()) {
            failureKind = null;
        }
        if (DIVERGED.equals(failureKind) && retryable) {
            throw new IllegalArgumentException("a diverged job is not retryable");
        }
    }

    /** A failure without a failure kind (as producers that predate the field send it). */
    public JobFailed(
            String eventId,
            Instant occurredAt,
            int schemaVersion,
            String experimentId,
            String jobId,
            int attempt,
            String reason,
            boolean retryable) {
        this(eventId, occurredAt, schemaVersion, experimentId, jobId, attempt, reason, retryable, null);
    }

    /** True when the job diverged: its numbers must never be scored. */
    public boolean diverged() {
        return DIVERGED.equals(failureKind);
    }

    /** A new event: a fresh id, the current schema version, happening now. */
    public static JobFailed of(
            String experimentId, String jobId, int attempt, String reason, boolean retryable, String failureKind) {
        return at(null, experimentId, jobId, attempt, reason, retryable, failureKind);
    }

    /** A new event: a fresh id, the current schema version, happening at {@code occurredAt} (null = now). */
    public static JobFailed at(
            Instant occurredAt,
            String experimentId,
            String jobId,
            int attempt,
            String reason,
            boolean retryable,
            String failureKind) {
        return new JobFailed(null, occurredAt, 0, experimentId, jobId, attempt, reason, retryable, failureKind);
    }

    /** A new failure without a failure kind, happening at {@code occurredAt} (null = now). */
    public static JobFailed at(
            Instant occurredAt, String experimentId, String jobId, int attempt, String reason, boolean retryable) {
        return at(occurredAt, experimentId, jobId, attempt, reason, retryable, null);
    }
}

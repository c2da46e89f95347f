package io.transferlab.contracts.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a planned job stands, in every service's API (lower case on the wire). The coordinator follows a job
 * through {@code pending}, {@code dispatched}, {@code running} and {@code retrying} (its attempt failed and
 * another is due) to {@code succeeded}, {@code failed} or {@code cancelled}. Analytics, which sees only
 * results, says {@code pending} until one of the final states, and {@code diverged} for a job that failed with
 * non-finite numbers (never scored).
 */
public enum JobState {
    PENDING,
    DISPATCHED,
    RUNNING,
    RETRYING,
    SUCCEEDED,
    FAILED,
    DIVERGED,
    CANCELLED;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == DIVERGED || this == CANCELLED;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.transferlab.analytics.ledger;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why an event was not counted. Few values, so they can be a metric tag. */
public enum AnomalyKind {
    NO_PLAN("no-plan"),
    BEFORE_PLAN("before-plan"),
    UNKNOWN_JOB("unknown-job"),
    IMPOSSIBLE_RESULT("impossible-result"),
    CANCELLED_EXPERIMENT("cancelled-experiment"),
    CONFLICTING_PLAN("conflicting-plan"),
    DIVERGED_JOB("diverged-job"),
    MALFORMED("malformed");

    private final String wireName;

    AnomalyKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}

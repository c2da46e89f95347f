package io.transferlab.coordinator.tracking;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a job stands. {@code RETRYING}: its current attempt failed and another one is due. */
public enum JobState {
    PENDING, DISPATCHED, RUNNING, RETRYING, SUCCEEDED, FAILED, CANCELLED;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

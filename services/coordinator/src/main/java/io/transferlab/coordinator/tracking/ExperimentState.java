package io.transferlab.coordinator.tracking;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an experiment stands. A rejected request is shown as {@code REJECTED} but never tracked. */
public enum ExperimentState {
    RUNNING, COMPLETED, FAILED, CANCELLED, REJECTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

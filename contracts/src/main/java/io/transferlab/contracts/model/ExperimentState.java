package io.transferlab.contracts.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where an experiment stands, in every service's API (lower case on the wire). The coordinator, which decides,
 * shows {@code running} from acceptance on, then {@code completed}, {@code failed} or {@code cancelled}, and
 * {@code rejected} for a request it never tracked. Analytics, which only reads events, also says {@code accepted}
 * (accepted, not planned yet) and {@code unknown} (job events without their experiment's request).
 */
public enum ExperimentState {
    ACCEPTED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED,
    REJECTED,
    UNKNOWN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

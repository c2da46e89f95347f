package io.transferlab.launcher.stack;

import java.time.Duration;

/** Exponential restart delays: initial, doubled each time, capped; back to initial after a stable run. */
public record Backoff(Duration initial, Duration max, Duration stableAfter) {

    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    /**
     * @param previousDelay the delay before the last restart (null for the first crash)
     * @param ranFor        how long the process ran before it died
     */
    public Duration next(Duration previousDelay, Duration ranFor) {
        if (previousDelay == null || ranFor.compareTo(stableAfter) >= 0) {
            return initial;
        }
        Duration doubled = previousDelay.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}

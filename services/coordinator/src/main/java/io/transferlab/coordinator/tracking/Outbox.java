package io.transferlab.coordinator.tracking;

import io.transferlab.contracts.events.TransferLabEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events one decision produces. Each is applied to the state as it is emitted, so the next
 * step of the same decision sees it, exactly as a replay of the published events would.
 */
final class Outbox {
    private final CoordinatorState state;
    private final Clock clock;
    private final List<TransferLabEvent> events = new ArrayList<>();

    Outbox(CoordinatorState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    void emit(TransferLabEvent event) {
        state.apply(event, clock.instant());
        events.add(event);
    }

    Instant now() {
        return clock.instant();
    }

    List<TransferLabEvent> events() {
        return events;
    }
}

package io.transferlab.analytics.ledger;

import java.time.Instant;

/** An event that contradicts what the experiment's plan allows, with the reason it was set aside. */
public record Anomaly(
        String experimentId,
        String eventId,
        String eventType,
        String jobId,
        AnomalyKind kind,
        String reason,
        Instant occurredAt) {

    /** Identity for counting: the same event set aside for the same kind of reason counts once. */
    public String key() {
        return eventId + "/" + kind.wireName();
    }
}

package io.transferlab.contracts.events;

import java.time.Instant;
import java.util.Map;

/**
 * A message no consumer could process, with the reason and where it came from. {@code payload} is
 * the original body as UTF-8 text (or base64 when it was not text, see {@code payloadEncoding}),
 * cut to at most 64 KiB.
 */
public record DeadLettered(String eventId, Instant occurredAt, int schemaVersion, String reason, String consumer,
        String originalTopic, int originalPartition, long originalOffset, String originalKey,
        Map<String, String> originalHeaders, String payload, String payloadEncoding) implements TransferLabEvent {
    public DeadLettered {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("reason", reason);
        Events.required("originalTopic", originalTopic);
        originalHeaders = originalHeaders == null ? Map.of() : Map.copyOf(originalHeaders);
        payloadEncoding = payloadEncoding == null ? "utf-8" : payloadEncoding;
    }

    @Override
    public String key() {
        return originalTopic + "-" + originalPartition + "-" + originalOffset;
    }
}

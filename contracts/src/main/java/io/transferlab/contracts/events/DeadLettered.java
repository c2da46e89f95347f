package io.transferlab.contracts.events;

import io.transferlab.contracts.Bounded;
import java.time.Instant;
import java.util.Map;

/**
 * A message no consumer could process, with the reason and where it came from. {@code payload} is
 * the original body as UTF-8 text (or base64 when it was not text, see {@code payloadEncoding}),
 * cut to at most 64 KiB; {@code payloadBytes} and {@code payloadSha256} describe the whole original
 * body, so a cut (or absent) payload can still be matched to its record. The reason and the key are
 * bounded ({@link Bounded}).
 */
public record DeadLettered(
        String eventId,
        Instant occurredAt,
        int schemaVersion,
        String reason,
        String consumer,
        String originalTopic,
        int originalPartition,
        long originalOffset,
        String originalKey,
        Map<String, String> originalHeaders,
        String payload,
        String payloadEncoding,
        Long payloadBytes,
        String payloadSha256)
        implements TransferLabEvent {
    /** The longest reason kept. */
    public static final int MAX_REASON = 4 * Bounded.TEXT;

    public DeadLettered {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        reason = Bounded.text(Events.required("reason", reason), MAX_REASON);
        consumer = Bounded.id(consumer);
        Events.required("originalTopic", originalTopic);
        originalKey = Bounded.id(originalKey);
        originalHeaders = originalHeaders == null ? Map.of() : Map.copyOf(originalHeaders);
        payloadEncoding = payloadEncoding == null ? "utf-8" : payloadEncoding;
    }

    /** Without the description of the whole original body. */
    public DeadLettered(
            String eventId,
            Instant occurredAt,
            int schemaVersion,
            String reason,
            String consumer,
            String originalTopic,
            int originalPartition,
            long originalOffset,
            String originalKey,
            Map<String, String> originalHeaders,
            String payload,
            String payloadEncoding) {
        this(
                eventId,
                occurredAt,
                schemaVersion,
                reason,
                consumer,
                originalTopic,
                originalPartition,
                originalOffset,
                originalKey,
                originalHeaders,
                payload,
                payloadEncoding,
                null,
                null);
    }

    @Override
    public String key() {
        return originalTopic + "-" + originalPartition + "-" + originalOffset;
    }

    /** A new event: a fresh id, the current schema version, happening now. */
    public static DeadLettered of(
            String reason,
            String consumer,
            String originalTopic,
            int originalPartition,
            long originalOffset,
            String originalKey,
            Map<String, String> originalHeaders,
            String payload,
            String payloadEncoding,
            Long payloadBytes,
            String payloadSha256) {
        return at(
                null,
                reason,
                consumer,
                originalTopic,
                originalPartition,
                originalOffset,
                originalKey,
                originalHeaders,
                payload,
                payloadEncoding,
                payloadBytes,
                payloadSha256);
    }

    /** A new event: a fresh id, the current schema version, happening at {@code occurredAt} (null = now). */
    public static DeadLettered at(
            Instant occurredAt,
            String reason,
            String consumer,
            String originalTopic,
            int originalPartition,
            long originalOffset,
            String originalKey,
            Map<String, String> originalHeaders,
            String payload,
            String payloadEncoding,
            Long payloadBytes,
            String payloadSha256) {
        return new DeadLettered(
                null,
                occurredAt,
                0,
                reason,
                consumer,
                originalTopic,
                originalPartition,
                originalOffset,
                originalKey,
                originalHeaders,
                payload,
                payloadEncoding,
                payloadBytes,
                payloadSha256);
    }
}

package io.transferlab.kafka;

import io.transferlab.contracts.Bounded;
import io.transferlab.contracts.events.DeadLettered;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The one builder of {@link DeadLettered}: the reason, the original coordinates, key, headers and bytes,
 * each bounded so that a dead letter stays far below Kafka's message limit whatever the original held
 * (header values and key cut with their length and SHA-256, at most {@link #MAX_HEADERS} headers, the body
 * cut to {@link #MAX_TEXT_PAYLOAD} bytes of text or {@link #MAX_BINARY_PAYLOAD} bytes as base64, its whole
 * size and SHA-256 always given).
 */
public final class DeadLetters {
    /** Body bytes kept when the body is UTF-8 text. */
    public static final int MAX_TEXT_PAYLOAD = 64 * 1024;
    /** Body bytes kept when the body is not text (base64 makes 64 KiB of text of them). */
    public static final int MAX_BINARY_PAYLOAD = 48 * 1024;
    /** Headers kept; one more entry counts the ones left out. */
    public static final int MAX_HEADERS = 32;

    static final String HEADERS_LEFT_OUT = "transferlab-headers-left-out";

    private DeadLetters() {}

    /** A dead letter with everything the record held, bounded. */
    public static DeadLettered of(ConsumerRecord<String, byte[]> record, String reason, String consumer) {
        byte[] body = record.value() == null ? new byte[0] : record.value();
        String payload;
        String encoding;
        String text = utf8Prefix(body, MAX_TEXT_PAYLOAD);
        if (text != null) {
            payload = text;
            encoding = "utf-8";
        } else {
            payload =
                    Base64.getEncoder().encodeToString(Arrays.copyOf(body, Math.min(body.length, MAX_BINARY_PAYLOAD)));
            encoding = "base64";
        }
        return DeadLettered.of(
                reasonOf(reason),
                consumer,
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                headers(record),
                payload,
                encoding,
                (long) body.length,
                Bounded.sha256Hex(body));
    }

    /**
     * A dead letter with the coordinates, the reason and the body's size and SHA-256 only: what is published
     * when even a bounded answer could not be, so that the record can be skipped without being lost from sight.
     */
    public static DeadLettered minimal(ConsumerRecord<String, byte[]> record, String reason, String consumer) {
        byte[] body = record.value() == null ? new byte[0] : record.value();
        return DeadLettered.of(
                Bounded.text(reasonOf(reason), Bounded.TEXT),
                consumer,
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                Map.of(),
                null,
                null,
                (long) body.length,
                Bounded.sha256Hex(body));
    }

    private static String reasonOf(String reason) {
        return reason == null || reason.isBlank() ? "unreadable record" : reason;
    }

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> all = RecordInspector.headers(record);
        Map<String, String> kept = new LinkedHashMap<>();
        int left = 0;
        for (Map.Entry<String, String> header : all.entrySet()) {
            if (kept.size() < MAX_HEADERS) {
                kept.put(Bounded.id(header.getKey()), Bounded.text(header.getValue(), Bounded.TEXT));
            } else {
                left++;
            }
        }
        if (left > 0) {
            kept.put(HEADERS_LEFT_OUT, Integer.toString(left));
        }
        return kept;
    }

    /** The first at most {@code max} bytes as text, cut at a character boundary; null when they are not UTF-8. */
    private static String utf8Prefix(byte[] body, int max) {
        int end = Math.min(body.length, max);
        if (end < body.length) {
            // Do not cut a multi-byte character: step back over continuation bytes (10xxxxxx).
            int back = end;
            while (back > 0 && back > end - 4 && (body[back] & 0xC0) == 0x80) {
                back--;
            }
            end = back;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, 0, end))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}

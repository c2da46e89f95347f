package io.transferlab.coordinator.messaging;

import io.transferlab.contracts.CloudEventHeaders;
import io.transferlab.contracts.events.DeadLettered;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Checks a record's envelope before anyone reads its body: size, CloudEvents headers, content
 * type. What fails becomes a {@link DeadLettered} with the reason and the original coordinates.
 */
public final class RecordInspector {
    static final int MAX_DEAD_LETTER_PAYLOAD = 64 * 1024;
    private static final List<String> REQUIRED = List.of(CloudEventHeaders.ID, CloudEventHeaders.TYPE,
            CloudEventHeaders.SOURCE, CloudEventHeaders.SPEC_VERSION);

    /** A record whose envelope is sound. */
    public record Envelope(String ceType, String ceId, Map<String, String> headers, byte[] body) {
    }

    private RecordInspector() {
    }

    /**
     * @return the reason the record cannot be processed, or null when its envelope is sound
     * @param maxBytes the largest body accepted (0 = no limit)
     */
    public static String problem(ConsumerRecord<String, byte[]> record, int maxBytes) {
        byte[] body = record.value();
        if (maxBytes > 0 && body != null && body.length > maxBytes) {
            return "message of " + body.length + " bytes exceeds the limit of " + maxBytes + " bytes";
        }
        Map<String, String> headers = headers(record);
        List<String> missing = new ArrayList<>();
        for (String name : REQUIRED) {
            String value = headers.get(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            return "missing CloudEvents header(s) " + String.join(", ", missing);
        }
        String contentType = headers.get(CloudEventHeaders.CONTENT_TYPE);
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).trim().startsWith(CloudEventHeaders.JSON)) {
            return "content type '" + contentType + "' is not " + CloudEventHeaders.JSON;
        }
        if (body == null || body.length == 0) {
            return "empty body";
        }
        return null;
    }

    public static Envelope envelope(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = headers(record);
        return new Envelope(headers.get(CloudEventHeaders.TYPE), headers.get(CloudEventHeaders.ID), headers,
                record.value());
    }

    /** The record's headers as text (last value wins), for routing and for dead letters. */
    public static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    public static DeadLettered deadLetter(ConsumerRecord<String, byte[]> record, String reason, String consumer) {
        byte[] body = record.value() == null ? new byte[0] : record.value();
        byte[] kept = body.length > MAX_DEAD_LETTER_PAYLOAD ? Arrays.copyOf(body, MAX_DEAD_LETTER_PAYLOAD) : body;
        String payload;
        String encoding;
        try {
            payload = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(kept)).toString();
            encoding = "utf-8";
        } catch (CharacterCodingException e) {
            payload = Base64.getEncoder().encodeToString(kept);
            encoding = "base64";
        }
        return new DeadLettered(null, null, 0, reason, consumer, record.topic(), record.partition(), record.offset(),
                record.key(), headers(record), payload, encoding);
    }
}

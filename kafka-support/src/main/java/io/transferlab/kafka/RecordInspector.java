package io.transferlab.kafka;

import io.transferlab.contracts.Bounded;
import io.transferlab.contracts.CloudEventHeaders;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.EventTypes;
import io.transferlab.contracts.events.TransferLabEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Checks a record's envelope before anyone reads its body (size, CloudEvents headers and their length,
 * content type), then decodes the event it carries, which must be a type that belongs on the record's
 * topic. Whatever fails is an {@link UnreadableRecordException} whose message is the reason a dead letter
 * carries ({@link DeadLetters}).
 */
public final class RecordInspector {
    private static final List<String> REQUIRED = List.of(CloudEventHeaders.ID, CloudEventHeaders.TYPE,
            CloudEventHeaders.SOURCE, CloudEventHeaders.SPEC_VERSION);

    /** A record whose envelope is sound: its CloudEvents type and id, every header as text, the body. */
    public record Envelope(String ceType, String ceId, Map<String, String> headers, byte[] body) {
    }

    private RecordInspector() {
    }

    /**
     * @param maxBytes the largest body accepted (0 = no limit)
     * @return the reason the record cannot be processed, or null when its envelope is sound
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
            } else if (value.length() > Bounded.ID) {
                return "header " + name + " of " + value.length() + " characters exceeds the limit of " + Bounded.ID;
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

    /** The record's envelope. @throws UnreadableRecordException when {@link #problem} finds one */
    public static Envelope envelope(ConsumerRecord<String, byte[]> record, int maxBytes) {
        String problem = problem(record, maxBytes);
        if (problem != null) {
            throw new UnreadableRecordException(problem);
        }
        Map<String, String> headers = headers(record);
        return new Envelope(headers.get(CloudEventHeaders.TYPE), headers.get(CloudEventHeaders.ID), headers,
                record.value());
    }

    /**
     * The event a record carries.
     *
     * @throws UnreadableRecordException when the envelope is unsound, the type is unknown or belongs on
     *     another topic, or the body does not decode as that type
     */
    public static TransferLabEvent event(ConsumerRecord<String, byte[]> record, int maxBytes) {
        return decode(record, envelope(record, maxBytes).ceType());
    }

    /**
     * The event of type {@code ceType} the record's body holds, without checking the rest of the envelope
     * (for readers that judge envelopes themselves).
     *
     * @throws UnreadableRecordException when the type is unknown or belongs on another topic, or the body does
     *     not decode as that type
     */
    public static TransferLabEvent decode(ConsumerRecord<String, byte[]> record, String ceType) {
        EventTypes.EventType type = EventTypes.byCeType(ceType).orElseThrow(
                () -> new UnreadableRecordException("unknown CloudEvents type '" + Bounded.id(ceType) + "'"));
        if (!type.topic().equals(record.topic())) {
            throw new UnreadableRecordException("CloudEvents type '" + ceType + "' does not belong on "
                    + record.topic() + " (it belongs on " + type.topic() + ")");
        }
        if (record.value() == null) {
            throw new UnreadableRecordException("empty body");
        }
        try {
            return EventCodec.fromJson(record.value(), type.javaType());
        } catch (EventCodec.MalformedEventException e) {
            throw new UnreadableRecordException("unreadable " + ceType + ": " + e.getMessage(), e);
        }
    }

    /** The record's headers as text (last value wins), for routing and for dead letters. */
    public static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}

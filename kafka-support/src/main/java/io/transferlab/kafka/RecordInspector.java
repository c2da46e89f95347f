package io.transferlab.kafka;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
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
    /** Content type of a structured-mode CloudEvent in JSON. */
    public static final String STRUCTURED_JSON = "application/cloudevents+json";

    private static final List<String> REQUIRED = List.of(
            CloudEventHeaders.ID, CloudEventHeaders.TYPE, CloudEventHeaders.SOURCE, CloudEventHeaders.SPEC_VERSION);

    /** A record whose envelope is sound: its CloudEvents type and id, every header as text, the body. */
    public record Envelope(String ceType, String ceId, Map<String, String> headers, byte[] body) {}

    private RecordInspector() {}

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
        return new Envelope(
                headers.get(CloudEventHeaders.TYPE), headers.get(CloudEventHeaders.ID), headers, record.value());
    }

    /**
     * The envelope of a record in any form a client may write where plain JSON is allowed (the requests
     * topic), read with the CloudEvents SDK:
     * <ul>
     * <li>binary mode ({@code ce_*} headers, JSON body): checked as {@link #envelope} checks it;</li>
     * <li>structured mode ({@code content-type: application/cloudevents+json}): the body is the whole
     * CloudEvent, its {@code data} the JSON payload;</li>
     * <li>plain JSON (no {@code ce_*} header, no CloudEvents content type): the body is the payload, the
     * type is {@code plainType} and the id is derived from where the record lies,
     * {@link #plainId(ConsumerRecord) topic-partition-offset}, so a redelivery keeps its id.</li>
     * </ul>
     *
     * @throws UnreadableRecordException with the reason when none of them reads
     */
    public static Envelope anyEnvelope(ConsumerRecord<String, byte[]> record, int maxBytes, String plainType) {
        Map<String, String> headers = headers(record);
        String contentType = headers.get(CloudEventHeaders.CONTENT_TYPE);
        boolean structured = contentType != null
                && contentType.toLowerCase(Locale.ROOT).trim().startsWith(STRUCTURED_JSON);
        boolean binary = headers.keySet().stream().anyMatch(k -> k.startsWith("ce_"));
        if (!structured && binary) {
            envelope(record, maxBytes);
            CloudEvent event = sdkRead(record);
            return new Envelope(event.getType(), event.getId(), headers, record.value());
        }
        byte[] body = record.value();
        if (maxBytes > 0 && body != null && body.length > maxBytes) {
            throw new UnreadableRecordException(
                    "message of " + body.length + " bytes exceeds the limit of " + maxBytes + " bytes");
        }
        if (body == null || body.length == 0) {
            throw new UnreadableRecordException("empty body");
        }
        if (structured) {
            CloudEvent event = sdkRead(record);
            for (String[] attribute : new String[][] {{"id", event.getId()}, {"type", event.getType()}}) {
                if (attribute[1].length() > Bounded.ID) {
                    throw new UnreadableRecordException("CloudEvents attribute " + attribute[0] + " of "
                            + attribute[1].length() + " characters exceeds the limit of " + Bounded.ID);
                }
            }
            String dataType = event.getDataContentType();
            if (dataType != null && !dataType.toLowerCase(Locale.ROOT).trim().startsWith(CloudEventHeaders.JSON)) {
                throw new UnreadableRecordException(
                        "datacontenttype '" + Bounded.id(dataType) + "' is not " + CloudEventHeaders.JSON);
            }
            byte[] data = event.getData() == null ? null : event.getData().toBytes();
            if (data == null || data.length == 0) {
                throw new UnreadableRecordException("structured CloudEvent without data");
            }
            return new Envelope(event.getType(), event.getId(), headers, data);
        }
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).trim().startsWith(CloudEventHeaders.JSON)) {
            return unreadable("content type '" + Bounded.id(contentType) + "' is not " + CloudEventHeaders.JSON);
        }
        return new Envelope(plainType, plainId(record), headers, body);
    }

    /** The id of a plain JSON record (no CloudEvents envelope): {@code <topic>-<partition>-<offset>}. */
    public static String plainId(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "-" + record.offset();
    }

    private static Envelope unreadable(String reason) {
        throw new UnreadableRecordException(reason);
    }

    private static CloudEvent sdkRead(ConsumerRecord<String, byte[]> record) {
        try {
            return KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            throw new UnreadableRecordException(
                    "not a readable CloudEvent: " + Bounded.text(String.valueOf(e.getMessage()), Bounded.TEXT), e);
        }
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
        EventTypes.EventType type = EventTypes.byCeType(ceType)
                .orElseThrow(
                        () -> new UnreadableRecordException("unknown CloudEvents type '" + Bounded.id(ceType) + "'"));
        if (!type.topic().equals(record.topic())) {
            throw new UnreadableRecordException("CloudEvents type '" + ceType + "' does not belong on " + record.topic()
                    + " (it belongs on " + type.topic() + ")");
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

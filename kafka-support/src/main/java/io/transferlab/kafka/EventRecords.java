package io.transferlab.kafka;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.transferlab.contracts.CloudEventHeaders;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.EventTypes;
import io.transferlab.contracts.events.TransferLabEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * TransferLab events as Kafka records: a CloudEvent (built and written in binary mode by the CloudEvents SDK:
 * {@code ce_*} headers, {@code content-type: application/json}, the event's JSON as the body), keyed by the
 * event's key. Reading them back is {@link RecordInspector}'s.
 */
public final class EventRecords {
    private EventRecords() {}

    /** The event on its topic (from {@link EventTypes}), keyed by {@code event.key()}, with CloudEvents headers. */
    public static ProducerRecord<String, byte[]> of(TransferLabEvent event, String source) {
        return KafkaMessageFactory.createWriter(EventTypes.of(event).topic(), event.key())
                .writeBinary(cloudEvent(event, source));
    }

    /**
     * The event as a CloudEvent published by {@code source} (a URI reference): its id, type, time, its key
     * as subject (a request without an experiment id has none yet), its JSON as data.
     */
    public static CloudEvent cloudEvent(TransferLabEvent event, String source) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.eventId())
                .withType(EventTypes.of(event).ceType())
                .withSource(URI.create(source))
                .withTime(event.occurredAt().atOffset(ZoneOffset.UTC))
                .withData(CloudEventHeaders.JSON, EventCodec.toJson(event));
        if (event.key() != null) {
            builder.withSubject(event.key());
        }
        return builder.build();
    }

    /** The binary-mode headers {@link #of(TransferLabEvent, String)} writes, as text, in their order. */
    public static Map<String, String> headers(TransferLabEvent event, String source) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : of(event, source).headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** A record of raw bytes with the given headers (UTF-8), for bodies that are not valid events. */
    public static ProducerRecord<String, byte[]> of(
            String topic, String key, byte[] body, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, body);
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** The last value of header {@code name} as UTF-8 text; null when the header is absent or has no value. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

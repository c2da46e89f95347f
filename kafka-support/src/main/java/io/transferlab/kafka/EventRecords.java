package io.transferlab.kafka;

import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.EventTypes;
import io.transferlab.contracts.events.TransferLabEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * TransferLab events as Kafka records: JSON body, CloudEvents {@code ce_*} headers, keyed by the event's key.
 * Reading them back is {@link RecordInspector}'s.
 */
public final class EventRecords {
    private EventRecords() {
    }

    /** The event on its topic (from {@link EventTypes}), keyed by {@code event.key()}, with CloudEvents headers. */
    public static ProducerRecord<String, byte[]> of(TransferLabEvent event, String source) {
        return of(EventTypes.of(event).topic(), event.key(), EventCodec.toJson(event), EventCodec.headers(event, source));
    }

    /** A record of raw bytes with the given headers (UTF-8), for bodies that are not valid events. */
    public static ProducerRecord<String, byte[]> of(String topic, String key, byte[] body, Map<String, String> headers) {
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

package io.transferlab.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.CloudEventHeaders;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.EventTypes;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.ExperimentCancelled;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.model.DatasetSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class EventRecordsTest {
    private static final ExperimentCancelled CANCELLED = new ExperimentCancelled(null, null, 0, "exp-1", "enough");

    @Test
    void anEventGoesOnItsTopicKeyedWithCloudEventsHeaders() {
        ProducerRecord<String, byte[]> record = EventRecords.of(CANCELLED, "/transferlab/test");

        assertThat(record.topic()).isEqualTo(Topics.EXPERIMENT_EVENTS);
        assertThat(record.key()).isEqualTo("exp-1");
        assertThat(record.value()).isEqualTo(EventCodec.toJson(CANCELLED));
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers)
                .containsOnly(
                        Map.entry(CloudEventHeaders.SPEC_VERSION, "1.0"),
                        Map.entry(CloudEventHeaders.ID, CANCELLED.eventId()),
                        Map.entry(CloudEventHeaders.SOURCE, "/transferlab/test"),
                        Map.entry(
                                CloudEventHeaders.TYPE, EventTypes.of(CANCELLED).ceType()),
                        Map.entry(CloudEventHeaders.TIME, headers.get(CloudEventHeaders.TIME)),
                        Map.entry(CloudEventHeaders.SUBJECT, "exp-1"),
                        Map.entry(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON));
        // the SDK writes the time as RFC 3339 with as many fraction digits as it needs (not always 3, 6 or 9)
        assertThat(Instant.parse(headers.get(CloudEventHeaders.TIME))).isEqualTo(CANCELLED.occurredAt());
        assertThat(headers.keySet()).containsExactlyInAnyOrderElementsOf(CloudEventHeaders.BINARY_MODE);
        assertThat(EventRecords.headers(CANCELLED, "/transferlab/test")).containsExactlyEntriesOf(headers);
    }

    @Test
    void theTimeKeepsItsFractionAndAnEventWithoutKeyHasNoSubject() {
        ExperimentRequested request = new ExperimentRequested(
                "evt-1",
                Instant.parse("2026-12-01T10:15:30.120Z"),
                1,
                null,
                new DatasetSpec("fashion-mnist", null, null),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        Map<String, String> headers = EventRecords.headers(request, "/transferlab/cli");

        assertThat(Instant.parse(headers.get(CloudEventHeaders.TIME))).isEqualTo(request.occurredAt());
        assertThat(headers).doesNotContainKey(CloudEventHeaders.SUBJECT).containsEntry(CloudEventHeaders.ID, "evt-1");
        assertThat(EventRecords.of(request, "/transferlab/cli").topic()).isEqualTo(Topics.EXPERIMENT_REQUESTS);
    }

    @Test
    void aRecordDecodesBackToTheEvent() {
        ConsumerRecord<String, byte[]> consumed = consumed(EventRecords.of(CANCELLED, "/transferlab/test"));

        assertThat(EventRecords.header(consumed, CloudEventHeaders.SOURCE)).isEqualTo("/transferlab/test");
        assertThat(EventRecords.header(consumed, "absent")).isNull();
        assertThat(RecordInspector.event(consumed, 0)).isEqualTo(CANCELLED);
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> sent) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(sent.topic(), 0, 0L, sent.key(), sent.value());
        sent.headers().forEach(h -> record.headers().add(h));
        return record;
    }
}

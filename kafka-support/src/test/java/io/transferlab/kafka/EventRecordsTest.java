package io.transferlab.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.CloudEventHeaders;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.ExperimentCancelled;
import java.nio.charset.StandardCharsets;
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
        assertThat(headers).containsExactlyEntriesOf(EventCodec.headers(CANCELLED, "/transferlab/test"));
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

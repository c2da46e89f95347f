package io.transferlab.coordinator.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.CloudEventHeaders;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.DeadLettered;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordInspectorTest {

    private static Map<String, String> ce() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        h.put(CloudEventHeaders.TYPE, "io.transferlab.ExperimentRequested.v1");
        h.put(CloudEventHeaders.SOURCE, "/test");
        h.put(CloudEventHeaders.ID, "id-1");
        return h;
    }

    private static ConsumerRecord<String, byte[]> record(byte[] body, Map<String, String> headers) {
        ConsumerRecord<String, byte[]> r = new ConsumerRecord<>(Topics.EXPERIMENT_REQUESTS, 2, 41L, "key", body);
        headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    @Test
    void aSoundEnvelopePasses() {
        Map<String, String> headers = ce();
        headers.put(CloudEventHeaders.CONTENT_TYPE, "application/json; charset=utf-8");

        assertThat(RecordInspector.problem(record("{}".getBytes(StandardCharsets.UTF_8), headers), 100)).isNull();
        assertThat(RecordInspector.envelope(record("{}".getBytes(StandardCharsets.UTF_8), headers)).ceId())
                .isEqualTo("id-1");
    }

    @Test
    void missingHeadersAreNamed() {
        Map<String, String> headers = ce();
        headers.remove(CloudEventHeaders.ID);
        headers.remove(CloudEventHeaders.SOURCE);

        assertThat(RecordInspector.problem(record("{}".getBytes(StandardCharsets.UTF_8), headers), 0))
                .contains("ce_id").contains("ce_source").doesNotContain("ce_type");
    }

    @Test
    void wrongContentTypeOversizeAndEmptyBodiesAreRefused() {
        Map<String, String> xml = ce();
        xml.put(CloudEventHeaders.CONTENT_TYPE, "text/xml");

        assertThat(RecordInspector.problem(record("<a/>".getBytes(StandardCharsets.UTF_8), xml), 0))
                .contains("text/xml");
        assertThat(RecordInspector.problem(record(new byte[11], ce()), 10)).contains("11 bytes").contains("10 bytes");
        assertThat(RecordInspector.problem(record(new byte[0], ce()), 10)).isEqualTo("empty body");
    }

    @Test
    void aDeadLetterKeepsTheCoordinatesAndTheBytes() {
        byte[] binary = {(byte) 0xff, 0x00, 0x01};

        DeadLettered text = RecordInspector.deadLetter(record("{\"a\":".getBytes(StandardCharsets.UTF_8), ce()),
                "body is not JSON", "transferlab-coordinator");
        DeadLettered bytes = RecordInspector.deadLetter(record(binary, ce()), "body is not JSON", "c");
        DeadLettered big = RecordInspector.deadLetter(record(new byte[200_000], ce()), "too big", "c");

        assertThat(text.originalTopic()).isEqualTo(Topics.EXPERIMENT_REQUESTS);
        assertThat(text.originalPartition()).isEqualTo(2);
        assertThat(text.originalOffset()).isEqualTo(41L);
        assertThat(text.originalKey()).isEqualTo("key");
        assertThat(text.originalHeaders()).containsEntry(CloudEventHeaders.ID, "id-1");
        assertThat(text.payload()).isEqualTo("{\"a\":");
        assertThat(text.payloadEncoding()).isEqualTo("utf-8");
        assertThat(text.key()).isEqualTo(Topics.EXPERIMENT_REQUESTS + "-2-41");
        assertThat(bytes.payloadEncoding()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(bytes.payload())).isEqualTo(binary);
        assertThat(big.payload()).hasSize(RecordInspector.MAX_DEAD_LETTER_PAYLOAD);
    }
}

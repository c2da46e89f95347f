package io.transferlab.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transferlab.contracts.CloudEventHeaders;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.EventTypes;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.ExperimentCancelled;
import io.transferlab.contracts.events.JobStarted;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordInspectorTest {

    static Map<String, String> ce(String type) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(CloudEventHeaders.SPEC_VERSION, "1.0");
        h.put(CloudEventHeaders.TYPE, type);
        h.put(CloudEventHeaders.SOURCE, "/test");
        h.put(CloudEventHeaders.ID, "id-1");
        return h;
    }

    static Map<String, String> ce() {
        return ce("io.transferlab.ExperimentRequested.v1");
    }

    static ConsumerRecord<String, byte[]> record(String topic, byte[] body, Map<String, String> headers) {
        ConsumerRecord<String, byte[]> r = new ConsumerRecord<>(topic, 2, 41L, "key", body);
        headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    static ConsumerRecord<String, byte[]> record(byte[] body, Map<String, String> headers) {
        return record(Topics.EXPERIMENT_REQUESTS, body, headers);
    }

    @Test
    void aSoundEnvelopePasses() {
        Map<String, String> headers = ce();
        headers.put(CloudEventHeaders.CONTENT_TYPE, "application/json; charset=utf-8");

        assertThat(RecordInspector.problem(record("{}".getBytes(StandardCharsets.UTF_8), headers), 100))
                .isNull();
        assertThat(RecordInspector.envelope(record("{}".getBytes(StandardCharsets.UTF_8), headers), 100)
                        .ceId())
                .isEqualTo("id-1");
    }

    @Test
    void missingHeadersAreNamed() {
        Map<String, String> headers = ce();
        headers.remove(CloudEventHeaders.ID);
        headers.remove(CloudEventHeaders.SOURCE);

        assertThat(RecordInspector.problem(record("{}".getBytes(StandardCharsets.UTF_8), headers), 0))
                .contains("ce_id")
                .contains("ce_source")
                .doesNotContain("ce_type");
    }

    @Test
    void wrongContentTypeOversizeEmptyBodiesAndHugeIdsAreRefused() {
        Map<String, String> xml = ce();
        xml.put(CloudEventHeaders.CONTENT_TYPE, "text/xml");
        Map<String, String> hugeId = ce();
        hugeId.put(CloudEventHeaders.ID, "i".repeat(100_000));

        assertThat(RecordInspector.problem(record("<a/>".getBytes(StandardCharsets.UTF_8), xml), 0))
                .contains("text/xml");
        assertThat(RecordInspector.problem(record(new byte[11], ce()), 10))
                .contains("11 bytes")
                .contains("10 bytes");
        assertThat(RecordInspector.problem(record(new byte[0], ce()), 10)).isEqualTo("empty body");
        assertThatThrownBy(() -> RecordInspector.envelope(record("{}".getBytes(StandardCharsets.UTF_8), hugeId), 0))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessage("header ce_id of 100000 characters exceeds the limit of 200");
    }

    @Test
    void anEventDecodesOnlyOnItsOwnTopic() {
        ExperimentCancelled cancelled = new ExperimentCancelled(null, null, 0, "exp-1", "enough");
        byte[] body = EventCodec.toJson(cancelled);
        String type = EventTypes.of(ExperimentCancelled.class).ceType();

        assertThat(RecordInspector.event(record(Topics.EXPERIMENT_EVENTS, body, ce(type)), 0))
                .isEqualTo(cancelled);
        assertThatThrownBy(() -> RecordInspector.event(record(Topics.JOB_EVENTS, body, ce(type)), 0))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("does not belong on " + Topics.JOB_EVENTS)
                .hasMessageContaining("belongs on " + Topics.EXPERIMENT_EVENTS);
        assertThatThrownBy(() -> RecordInspector.event(record(Topics.JOB_EVENTS, body, ce("com.example.Other")), 0))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("unknown CloudEvents type");
        assertThatThrownBy(() -> RecordInspector.event(
                        record(
                                Topics.JOB_EVENTS,
                                "{\"jobId\":".getBytes(StandardCharsets.UTF_8),
                                ce(EventTypes.of(JobStarted.class).ceType())),
                        0))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageStartingWith("unreadable ");
    }

    @Test
    void plainJsonAndStructuredModeAreReadWhereAllowed() {
        String type = "io.transferlab.ExperimentRequested.v1";
        byte[] request = "{\"dataset\":{\"name\":\"fashion-mnist\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] structured = ("{\"specversion\":\"1.0\",\"type\":\"" + type + "\",\"source\":\"/me\",\"id\":\"s-1\","
                        + "\"datacontenttype\":\"application/json\",\"data\":{\"dataset\":{\"name\":\"fashion-mnist\"}}}")
                .getBytes(StandardCharsets.UTF_8);

        RecordInspector.Envelope plain = RecordInspector.anyEnvelope(record(request, Map.of()), 0, type);
        RecordInspector.Envelope ce = RecordInspector.anyEnvelope(
                record(structured, Map.of(CloudEventHeaders.CONTENT_TYPE, RecordInspector.STRUCTURED_JSON)), 0, type);
        RecordInspector.Envelope binary = RecordInspector.anyEnvelope(record(request, ce()), 0, "ignored");

        assertThat(plain.ceId()).isEqualTo(Topics.EXPERIMENT_REQUESTS + "-2-41");
        assertThat(plain.ceType()).isEqualTo(type);
        assertThat(plain.body()).isEqualTo(request);
        assertThat(ce.ceId()).isEqualTo("s-1");
        assertThat(ce.ceType()).isEqualTo(type);
        assertThat(new String(ce.body(), StandardCharsets.UTF_8)).contains("fashion-mnist");
        assertThat(binary.ceId()).isEqualTo("id-1");
        assertThatThrownBy(() -> RecordInspector.anyEnvelope(
                        record(
                                "{}".getBytes(StandardCharsets.UTF_8),
                                Map.of(CloudEventHeaders.CONTENT_TYPE, RecordInspector.STRUCTURED_JSON)),
                        0,
                        type))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageStartingWith("not a readable CloudEvent");
        Map<String, String> noId = ce();
        noId.remove(CloudEventHeaders.ID);
        assertThatThrownBy(() -> RecordInspector.anyEnvelope(record(request, noId), 0, type))
                .hasMessageContaining("missing CloudEvents header(s) ce_id");
    }
}

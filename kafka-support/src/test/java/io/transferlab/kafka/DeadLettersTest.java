package io.transferlab.kafka;

import static io.transferlab.kafka.RecordInspectorTest.ce;
import static io.transferlab.kafka.RecordInspectorTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.Bounded;
import io.transferlab.contracts.CloudEventHeaders;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.DeadLettered;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void aDeadLetterKeepsTheCoordinatesAndTheBytes() {
        byte[] binary = {(byte) 0xff, 0x00, 0x01};

        DeadLettered text = DeadLetters.of(
                record("{\"a\":".getBytes(StandardCharsets.UTF_8), ce()),
                "body is not JSON",
                "transferlab-coordinator");
        DeadLettered bytes = DeadLetters.of(record(binary, ce()), "body is not JSON", "c");

        assertThat(text.originalTopic()).isEqualTo(Topics.EXPERIMENT_REQUESTS);
        assertThat(text.originalPartition()).isEqualTo(2);
        assertThat(text.originalOffset()).isEqualTo(41L);
        assertThat(text.originalKey()).isEqualTo("key");
        assertThat(text.originalHeaders()).containsEntry(CloudEventHeaders.ID, "id-1");
        assertThat(text.payload()).isEqualTo("{\"a\":");
        assertThat(text.payloadEncoding()).isEqualTo("utf-8");
        assertThat(text.payloadBytes()).isEqualTo(5);
        assertThat(text.payloadSha256()).isEqualTo(Bounded.sha256Hex("{\"a\":".getBytes(StandardCharsets.UTF_8)));
        assertThat(text.key()).isEqualTo(Topics.EXPERIMENT_REQUESTS + "-2-41");
        assertThat(bytes.payloadEncoding()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(bytes.payload())).isEqualTo(binary);
    }

    @Test
    void bigBodiesAreCutToTheirLimitWithTheWholeSizeAndDigest() {
        byte[] text = "é".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        byte[] binary = new byte[200_000];
        Arrays.fill(binary, (byte) 0xff);

        DeadLettered bigText = DeadLetters.of(record(text, ce()), "too big", "c");
        DeadLettered bigBinary = DeadLetters.of(record(binary, ce()), "too big", "c");

        // Cut at a character boundary: still text, never a broken character.
        assertThat(bigText.payloadEncoding()).isEqualTo("utf-8");
        assertThat(bigText.payload()).hasSize(DeadLetters.MAX_TEXT_PAYLOAD / 2).matches("é+");
        assertThat(bigText.payloadBytes()).isEqualTo(200_000);
        assertThat(bigText.payloadSha256()).isEqualTo(Bounded.sha256Hex(text));
        assertThat(Base64.getDecoder().decode(bigBinary.payload())).hasSize(DeadLetters.MAX_BINARY_PAYLOAD);
        assertThat(bigBinary.payload()).hasSizeLessThanOrEqualTo(65_536);
        assertThat(bigBinary.payloadBytes()).isEqualTo(200_000);
    }

    @Test
    void hugeHeadersKeysAndReasonsStaySmall() {
        Map<String, String> headers = ce();
        headers.put("x-huge", "v".repeat(1_000_000));
        for (int i = 0; i < 100; i++) {
            headers.put("x-" + i, "value");
        }
        ConsumerRecord<String, byte[]> huge = new ConsumerRecord<>(
                Topics.EXPERIMENT_REQUESTS, 0, 7L, "k".repeat(500_000), "{}".getBytes(StandardCharsets.UTF_8));
        headers.forEach((k, v) -> huge.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));

        DeadLettered letter = DeadLetters.of(huge, "r".repeat(1_000_000), "c");

        assertThat(EventCodec.toJson(letter).length).isLessThan(64 * 1024);
        assertThat(letter.originalHeaders())
                .hasSize(DeadLetters.MAX_HEADERS + 1)
                .containsEntry(DeadLetters.HEADERS_LEFT_OUT, "73")
                .containsEntry(CloudEventHeaders.ID, "id-1");
        assertThat(letter.originalHeaders().get("x-huge"))
                .hasSizeLessThanOrEqualTo(Bounded.TEXT)
                .contains("1000000 chars, sha256 "
                        + Bounded.sha256Hex("v".repeat(1_000_000).getBytes(StandardCharsets.UTF_8)));
        assertThat(letter.originalKey()).hasSizeLessThanOrEqualTo(Bounded.ID).contains("500000 chars");
        assertThat(letter.reason())
                .hasSizeLessThanOrEqualTo(DeadLettered.MAX_REASON)
                .contains("1000000 chars");
    }

    @Test
    void aMinimalDeadLetterCarriesOnlyCoordinatesReasonSizeAndDigest() {
        byte[] body = new byte[3_000_000];

        DeadLettered minimal = DeadLetters.minimal(record(body, ce()), "answer too large", "c");

        assertThat(minimal.payload()).isNull();
        assertThat(minimal.originalHeaders()).isEmpty();
        assertThat(minimal.payloadBytes()).isEqualTo(3_000_000);
        assertThat(minimal.payloadSha256()).isEqualTo(Bounded.sha256Hex(body));
        assertThat(minimal.originalOffset()).isEqualTo(41L);
        assertThat(EventCodec.toJson(minimal).length).isLessThan(2_048);
    }
}

package io.transferlab.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.CloudEventHeaders;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.EventTypes;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.ExperimentRequested;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** NOTES.txt tells how to trigger an experiment; the command it prints must produce a valid request. */
class ChartNotesTest {
    private static final Pattern LINE = Pattern.compile("echo \"([^|\"]+)\\|([^#]+)#(.*)\" \\\\");

    @Test
    void notesPrintAProducerCommandForAValidExperimentRequest() {
        String notes = Chart.source().notes(Map.of());

        Matcher m = LINE.matcher(notes);
        assertThat(m.find()).as("producer line in NOTES:\n%s", notes).isTrue();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header : m.group(1).split(",")) {
            String[] kv = header.split("=", 2);
            headers.put(kv[0], kv[1]);
        }
        String key = m.group(2);
        ExperimentRequested request = EventCodec.fromJson(m.group(3).replace("\\\"", "\""), ExperimentRequested.class);

        assertThat(headers).containsEntry(CloudEventHeaders.TYPE, EventTypes.of(ExperimentRequested.class).ceType())
                .containsEntry(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE)
                .containsEntry(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON)
                .containsKeys(CloudEventHeaders.SOURCE, CloudEventHeaders.ID, CloudEventHeaders.TIME);
        assertThat(request.experimentId()).isEqualTo(key);
        assertThat(request.dataset().name()).isEqualTo("fashion-mnist");
        assertThat(notes).contains("--topic " + Topics.EXPERIMENT_REQUESTS)
                .contains("--property headers.delimiter=\"|\"")
                .contains("--property key.separator=\"#\"")
                .contains("--bootstrap-server kafka:9092");
    }

    @Test
    void notesFollowTheValues() {
        String notes = Chart.source().notes(Map.of("kafka.bootstrapServers", "broker.kafka:9092",
                "trainer.cuda.enabled", true, "s3.existingSecret", "creds"));

        assertThat(notes).contains("--bootstrap-server broker.kafka:9092")
                .contains("request 1 nvidia.com/gpu each")
                .doesNotContain("no S3 credentials");
    }
}

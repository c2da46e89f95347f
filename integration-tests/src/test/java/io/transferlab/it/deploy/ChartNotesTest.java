package io.transferlab.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.CloudEventHeaders;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.EventTypes;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.ExperimentRequested;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.tools.LineMessageReader;
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

        assertThat(headers)
                .containsEntry(
                        CloudEventHeaders.TYPE,
                        EventTypes.of(ExperimentRequested.class).ceType())
                .containsEntry(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE)
                .containsEntry(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON)
                .containsKeys(CloudEventHeaders.SOURCE, CloudEventHeaders.ID, CloudEventHeaders.TIME);
        assertThat(request.experimentId()).isEqualTo(key);
        assertThat(request.dataset().name()).isEqualTo("fashion-mnist");
        assertThat(notes)
                .contains("--topic " + Topics.EXPERIMENT_REQUESTS)
                .contains("--property headers.delimiter=\"|\"")
                .contains("--property key.separator=\"#\"")
                .contains("--bootstrap-server kafka:9092");
    }

    @Test
    void notesFollowTheValues() {
        String notes = Chart.source()
                .notes(Map.of(
                        "kafka.bootstrapServers",
                        "broker.kafka:9092",
                        "trainer.cuda.enabled",
                        true,
                        "s3.existingSecret",
                        "creds"));

        assertThat(notes)
                .contains("--bootstrap-server broker.kafka:9092")
                .contains("request 1 nvidia.com/gpu each")
                .doesNotContain("no S3 credentials");
    }

    /**
     * Runs the printed command's arguments through Kafka's own kafka-console-producer option parser and
     * the printed line through its LineMessageReader: the record that would reach the broker.
     */
    @Test
    void kafkaConsoleProducerReadsThePrintedLineAsACloudEvent() throws Exception {
        String notes = Chart.source().notes(Map.of());
        String command =
                notes.substring(notes.indexOf("kafka-console-producer.sh") + "kafka-console-producer.sh".length());
        command = command.substring(0, command.indexOf("'")).replace("\\\n", " ");
        List<String> args = new ArrayList<>();
        Matcher token = Pattern.compile("(?:[^\\s\"]+|\"[^\"]*\")+").matcher(command);
        while (token.find()) {
            args.add(token.group().replace("\"", ""));
        }
        Class<?> optionsClass = Class.forName("org.apache.kafka.tools.ConsoleProducer$ConsoleProducerOptions");
        Constructor<?> constructor = optionsClass.getDeclaredConstructor(String[].class);
        constructor.setAccessible(true);
        Object options = constructor.newInstance((Object) args.toArray(String[]::new));
        Method readerProps = optionsClass.getDeclaredMethod("readerProps");
        readerProps.setAccessible(true);
        @SuppressWarnings("unchecked")
        Map<String, String> props = (Map<String, String>) readerProps.invoke(options);

        Matcher echo = Pattern.compile("echo \"(.*)\" \\\\").matcher(notes);
        assertThat(echo.find()).isTrue();
        String line = echo.group(1).replaceAll("\\$\\([^)]*\\)", "0f6c2d3e").replace("\\\"", "\"");
        LineMessageReader reader = new LineMessageReader();
        reader.configure(props);
        Iterator<ProducerRecord<byte[], byte[]>> records =
                reader.readRecords(new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)));
        ProducerRecord<byte[], byte[]> record = records.next();

        assertThat(record.topic()).isEqualTo(Topics.EXPERIMENT_REQUESTS);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("exp1");
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers)
                .containsEntry(
                        CloudEventHeaders.TYPE,
                        EventTypes.of(ExperimentRequested.class).ceType())
                .containsEntry(CloudEventHeaders.SOURCE, "/transferlab/cli")
                .containsEntry(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        // Routing on ce_type, then the body: exactly what the coordinator does.
        Object event = EventCodec.fromCloudEvent(headers.get(CloudEventHeaders.TYPE), record.value());
        assertThat(event).isInstanceOf(ExperimentRequested.class);
        assertThat(((ExperimentRequested) event).experimentId()).isEqualTo("exp1");
    }
}

package io.transferlab.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.transferlab.contracts.CloudEventHeaders;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.EventTypes;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.CheckpointSaved;
import io.transferlab.contracts.events.DeadLettered;
import io.transferlab.contracts.events.ExperimentCompleted;
import io.transferlab.contracts.events.ExperimentFailed;
import io.transferlab.contracts.events.ExperimentRejected;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.DatasetSpec;
import io.transferlab.contracts.model.Direction;
import io.transferlab.contracts.model.JobResult;
import io.transferlab.contracts.model.SplitSpec;
import io.transferlab.contracts.model.TrainingSettings;
import io.transferlab.it.deploy.MetricNames;
import io.transferlab.launcher.client.Http;
import io.transferlab.launcher.client.KafkaEvents;
import io.transferlab.launcher.client.ReportDownloader;
import io.transferlab.launcher.stack.Preflight;
import io.transferlab.launcher.stack.Stack;
import io.transferlab.launcher.stack.StackConfig;
import io.transferlab.localstack.LocalStack;
import io.transferlab.localstack.S3Server;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system as a user runs it: the three services as separate processes from their packaged
 * jars, a real Kafka broker and a real S3 server (the JVM's shared local stack), requests published
 * to Kafka with CloudEvents headers. Malformed requests go first; a tiny experiment must still
 * complete, with every checkpoint in S3 under its digest, scores equal to the job results and a
 * report that renders.
 */
class EndToEndIT {

    private static final Duration EXPERIMENT_TIMEOUT = Duration.ofMinutes(12);
    /** The tiny experiment studies one direction; analytics pools only the directions a request studies. */
    private static final Direction DIRECTION = Direction.A_TO_B;

    private static Stack stack;
    private static String bootstrap;

    @BeforeAll
    static void startSystem(@TempDir Path stateDir) {
        Path projectDir = Path.of(System.getProperty("transferlab.project.dir", ".."))
                .toAbsolutePath()
                .normalize();
        StackConfig defaults = StackConfig.defaults(projectDir);
        Preflight.requireFashionMnist(defaults.dataDir());
        StackConfig config = defaults.withFreePorts()
                .withStateDir(stateDir)
                .withExtraEnv(Map.of("QUARKUS_LOG_CONSOLE_COLOR", "false"));
        stack = Stack.start(config, line -> System.out.println("[stack] " + line), LocalStack.kafka(), LocalStack.s3());
        bootstrap = stack.kafka().bootstrapServers();
    }

    @AfterAll
    static void stopSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void malformedRequestsAreRejectedAndATinyExperimentStillRunsToItsReport(@TempDir Path reportDir) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (KafkaEvents.Tail tail = new KafkaEvents.Tail(
                bootstrap, List.of(Topics.EXPERIMENT_EVENTS, Topics.JOB_EVENTS, Topics.DEAD_LETTERS))) {
            List<TransferLabEvent> events = new ArrayList<>();

            // 1. A request that breaks the rules: a layer cut outside 1..7.
            ExperimentRequested invalid = tinyRequest("e2e-bad-" + suffix, List.of(9));
            KafkaEvents.publish(bootstrap, invalid);
            // 2. A record that is not JSON at all, with a sound envelope.
            String garbageId = UUID.randomUUID().toString();
            RecordMetadata garbage = sendRaw("this is { not json".getBytes(StandardCharsets.UTF_8), garbageId);
            // 3. The real thing, after the bad ones, on the same topic.
            String experimentId = "e2e-" + suffix;
            ExperimentRequested request = tinyRequest(experimentId, List.of(1, 7));
            KafkaEvents.publish(bootstrap, request);

            await().atMost(Duration.ofMinutes(2))
                    .pollInSameThread()
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        events.addAll(tail.poll(Duration.ofMillis(500)));
                        return rejectionOf(events, invalid.eventId()) != null
                                && garbageAnswered(events, garbageId, garbage);
                    });
            assertThat(rejectionOf(events, invalid.eventId()).problems())
                    .anySatisfy(p -> assertThat(p.field()).startsWith("layerCuts"));

            await().atMost(EXPERIMENT_TIMEOUT)
                    .pollInSameThread()
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        events.addAll(tail.poll(Duration.ofMillis(500)));
                        return events.stream()
                                .anyMatch(e -> e instanceof ExperimentCompleted c
                                                && c.experimentId().equals(experimentId)
                                        || e instanceof ExperimentFailed f
                                                && f.experimentId().equals(experimentId));
                    });
            assertThat(events)
                    .noneMatch(e ->
                            e instanceof ExperimentFailed f && f.experimentId().equals(experimentId));

            Map<String, JobResult> results = jobResults(events, experimentId);
            assertEveryJobSucceeded(experimentId, results);
            assertEveryCheckpointIsInS3WithItsDigest(events, experimentId, results);
            assertScoresMatchTheJobResults(experimentId, results);
            assertReportRenders(experimentId, reportDir);
        }
        assertEveryDashboardMetricIsServed();
        for (String service : StackConfig.SERVICES) {
            assertThat(stack.supervisor().restarts(service))
                    .as(service + " restarts")
                    .isZero();
            assertThat(stack.service(service).isAlive()).as(service + " alive").isTrue();
        }
    }

    /** The Grafana dashboard queries only series that the running services really expose on /q/metrics. */
    private static void assertEveryDashboardMetricIsServed() {
        Set<String> served = new TreeSet<>();
        for (String service : StackConfig.SERVICES) {
            Http.getOk(stack.url(service) + "/q/metrics")
                    .text()
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0])
                    .forEach(served::add);
        }
        assertThat(served).as("series on /q/metrics of the three services").containsAll(MetricNames.dashboardMetrics());
    }

    private static ExperimentRequested tinyRequest(String id, List<Integer> cuts) {
        TrainingSettings training = new TrainingSettings(1, 16, null, null, null, null, null, 20, null, 1);
        return new ExperimentRequested(
                null,
                null,
                0,
                id,
                DatasetSpec.named("fashion-mnist"),
                SplitSpec.random(0),
                null,
                List.of(Arm.BASE, Arm.SELFFER, Arm.TRANSFER),
                cuts,
                DIRECTION,
                List.of(0L),
                training,
                false,
                null,
                Map.of("purpose", "end-to-end-test"));
    }

    private static RecordMetadata sendRaw(byte[] body, String ceId) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.EXPERIMENT_REQUESTS, null, body);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
            headers.put(
                    CloudEventHeaders.TYPE,
                    EventTypes.of(ExperimentRequested.class).ceType());
            headers.put(CloudEventHeaders.SOURCE, "/transferlab/integration-test");
            headers.put(CloudEventHeaders.ID, ceId);
            headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            return producer.send(record).get(60, TimeUnit.SECONDS);
        }
    }

    private static ExperimentRejected rejectionOf(List<TransferLabEvent> events, String requestEventId) {
        return events.stream()
                .filter(e -> e instanceof ExperimentRejected r && requestEventId.equals(r.requestEventId()))
                .map(ExperimentRejected.class::cast)
                .findFirst()
                .orElse(null);
    }

    /** Not JSON: the coordinator either rejects it by its CloudEvents id or dead-letters the record. */
    private static boolean garbageAnswered(List<TransferLabEvent> events, String ceId, RecordMetadata where) {
        return rejectionOf(events, ceId) != null
                || events.stream()
                        .anyMatch(e -> e instanceof DeadLettered d
                                && Topics.EXPERIMENT_REQUESTS.equals(d.originalTopic())
                                && d.originalPartition() == where.partition()
                                && d.originalOffset() == where.offset());
    }

    private static Map<String, JobResult> jobResults(List<TransferLabEvent> events, String experimentId) {
        Map<String, JobResult> results = new LinkedHashMap<>();
        events.stream()
                .filter(e -> e instanceof JobCompleted c && c.experimentId().equals(experimentId))
                .map(JobCompleted.class::cast)
                .forEach(c -> results.put(c.jobId(), c.result()));
        return results;
    }

    private static void assertEveryJobSucceeded(String experimentId, Map<String, JobResult> results) {
        JsonNode view = json(Http.getOk(stack.url("coordinator") + "/experiments/" + experimentId));
        assertThat(view.path("summary").path("state").asText()).isEqualTo("completed");
        List<String> jobIds = new ArrayList<>();
        for (JsonNode job : view.path("jobs")) {
            assertThat(job.path("state").asText())
                    .as(job.path("jobId").asText())
                    .isEqualTo("succeeded");
            jobIds.add(job.path("jobId").asText());
        }
        // two bases, selffer and transfer at n = 1 and 7, one direction, one seed
        assertThat(jobIds)
                .hasSize(6)
                .contains(
                        experimentId + ".base.n0.-A.s0",
                        experimentId + ".base.n0.-B.s0",
                        experimentId + ".selffer.n1.BB.s0",
                        experimentId + ".transfer.n7.AB.s0");
        assertThat(results.keySet()).containsExactlyInAnyOrderElementsOf(jobIds);
    }

    private static void assertEveryCheckpointIsInS3WithItsDigest(
            List<TransferLabEvent> events, String experimentId, Map<String, JobResult> results) throws Exception {
        S3Server s3 = LocalStack.s3();
        MinioClient client = MinioClient.builder()
                .endpoint(s3.endpoint())
                .credentials(s3.accessKey(), s3.secretKey())
                .region(S3Server.REGION)
                .build();
        List<CheckpointSaved> saved = events.stream()
                .filter(e -> e instanceof CheckpointSaved c && c.experimentId().equals(experimentId))
                .map(CheckpointSaved.class::cast)
                .toList();
        assertThat(saved.stream().filter(CheckpointSaved::finalCheckpoint).map(CheckpointSaved::jobId))
                .containsExactlyInAnyOrderElementsOf(results.keySet());
        for (CheckpointSaved checkpoint : saved) {
            byte[] bytes = read(client, checkpoint.uri());
            assertThat(bytes).as(checkpoint.uri()).hasSize((int) checkpoint.sizeBytes());
            assertThat(sha256(bytes)).as(checkpoint.uri()).isEqualTo(checkpoint.sha256());
            assertThat(checkpoint.uri())
                    .startsWith("s3://" + S3Server.DEFAULT_BUCKET + "/experiments/" + experimentId + "/jobs/"
                            + checkpoint.jobId() + "/");
        }
        for (var result : results.entrySet()) {
            assertThat(sha256(read(client, result.getValue().checkpointUri())))
                    .as(result.getKey())
                    .isEqualTo(result.getValue().checkpointSha256());
        }
    }

    private static void assertScoresMatchTheJobResults(String experimentId, Map<String, JobResult> results) {
        String url = stack.url("analytics") + "/experiments/" + experimentId + "/scores";
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            Http.Response response = Http.get(url);
            return response.ok() && !json(response).path("partial").asBoolean(true);
        });
        JsonNode scores = json(Http.getOk(url));
        String metric = scores.path("accuracyMetric").asText();
        JsonNode arms = scores.path("scores").path("arms");
        List<String> scored = new ArrayList<>();
        for (JsonNode row : arms) {
            Arm arm = Arm.fromWire(row.path("arm").asText());
            String scope = row.path("direction").asText();
            List<String> targets = switch (scope) {
                case "a-to-b" -> List.of("B");
                case "b-to-a" -> List.of("A");
                case "pooled" ->
                    DIRECTION.targetHalves().stream().map(Enum::name).toList();
                default -> throw new AssertionError("unknown scope " + scope);
            };
            List<String> jobIds = new ArrayList<>();
            for (String target : targets) {
                String source = target.equals("B") ? "A" : "B";
                String pair = arm == Arm.BASE ? "-" + target : arm.crossesHalves() ? source + target : target + target;
                String jobId = experimentId + "." + arm.wireName() + ".n"
                        + (arm == Arm.BASE ? 0 : row.path("n").asInt()) + "." + pair + ".s0";
                if (results.containsKey(jobId)) {
                    jobIds.add(jobId);
                }
            }
            assertThat(jobIds).as("jobs behind score row " + row).isNotEmpty();
            double expected = jobIds.stream()
                    .mapToDouble(id -> pick(metric, results.get(id)))
                    .average()
                    .orElseThrow();
            assertThat(row.path("accuracy").path("mean").asDouble())
                    .as(row.toString())
                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(row.path("accuracy").path("count").asInt())
                    .as(row.toString())
                    .isEqualTo(jobIds.size());
            scored.addAll(jobIds);
        }
        // every trained network of the a-to-b direction has its row: base B, selffer and transfer at n = 1 and 7
        assertThat(scored)
                .containsAll(results.keySet().stream()
                        .filter(id -> !id.contains(".base.n0.-A."))
                        .toList());
    }

    /** The accuracy analytics scores with: its configured metric, or the other one when a job lacks it. */
    private static double pick(String metric, JobResult result) {
        Double preferred = metric.equals("test") ? result.testTop1() : result.summaryTop1();
        return preferred != null ? preferred : metric.equals("test") ? result.summaryTop1() : result.testTop1();
    }

    private static void assertReportRenders(String experimentId, Path dir) throws Exception {
        Path index = ReportDownloader.download(stack.url("analytics"), experimentId, dir);
        String html = Files.readString(index);
        assertThat(html).contains("<html").contains(experimentId).contains("<img");
        List<Path> images;
        try (var files = Files.list(dir)) {
            images = files.filter(p -> p.toString().endsWith(".png")).toList();
        }
        assertThat(images).isNotEmpty();
        for (Path image : images) {
            byte[] head = Files.readAllBytes(image);
            assertThat(head.length).as(image.toString()).isGreaterThan(100);
            assertThat(new byte[] {head[0], head[1], head[2], head[3]})
                    .as(image.toString())
                    .isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
            assertThat(html).contains(image.getFileName().toString());
        }
        assertThat(Files.readString(dir.resolve("scores.csv")).lines().count()).isGreaterThan(1);
    }

    private static byte[] read(MinioClient client, String uri) throws Exception {
        String rest = uri.substring("s3://".length());
        String bucket = rest.substring(0, rest.indexOf('/'));
        String key = rest.substring(rest.indexOf('/') + 1);
        try (InputStream in = client.getObject(
                GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static JsonNode json(Http.Response response) {
        try {
            return EventCodec.mapper().readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.text(), e);
        }
    }
}

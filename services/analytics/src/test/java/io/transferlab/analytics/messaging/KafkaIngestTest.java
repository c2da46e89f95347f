package io.transferlab.analytics.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.transferlab.analytics.fixtures.FixtureExperiment;
import io.transferlab.analytics.ledger.AccuracyMetric;
import io.transferlab.analytics.ledger.LedgerStore;
import io.transferlab.analytics.scoring.ScoringOptions;
import io.transferlab.analytics.service.ExperimentScorer;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.DeadLettered;
import io.transferlab.contracts.events.ExperimentCancelled;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.events.TransferScoresComputed;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.JobKind;
import io.transferlab.contracts.model.JobResult;
import io.transferlab.contracts.model.PlannedJob;
import io.transferlab.localstack.LocalStack;
import io.transferlab.localstack.quarkus.KafkaTestResource;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service against a real Kafka broker: ingest, scores, reports, duplicates, anomalies, restart, metrics. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(KafkaClientSettingsResource.class)
class KafkaIngestTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    EventConsumer consumer;

    @Inject
    MeterRegistry registry;

    @Inject
    ScoresPublisher publisher;

    @BeforeAll
    static void topics() {
        KafkaEvents.createTopics();
    }

    @Test
    void everyClientTakesAllKafkaSettingsFromConfig() {
        for (Map<String, Object> props : List.of(consumer.consumerProperties(), publisher.producerProperties())) {
            assertThat(props)
                    .containsEntry("bootstrap.servers", LocalStack.kafka().bootstrapServers())
                    .containsEntry("security.protocol", "PLAINTEXT")
                    .containsEntry("client.dns.lookup", "use_all_dns_ips")
                    .doesNotContainKey("group.id");
        }
    }

    @Test
    void ingestsAnExperimentPublishesScoresAndServesTheReport() throws IOException {
        FixtureExperiment fixture = new FixtureExperiment("kafka-ingest", Instant.now());
        List<JobCompleted> completions = fixture.completions();
        KafkaEvents.send(List.of(fixture.accepted(), fixture.planned()));
        KafkaEvents.send(completions.subList(0, 20));
        awaitJobsDone(fixture.experimentId(), 20);
        assertThat(scores(fixture.experimentId()).get("partial").asBoolean()).isTrue();

        KafkaEvents.send(completions.subList(20, completions.size()));
        KafkaEvents.send(List.of(fixture.completed()));
        awaitJobsDone(fixture.experimentId(), 65);
        await().atMost(PATIENCE)
                .until(() -> !scores(fixture.experimentId()).get("partial").asBoolean());

        JsonNode body = scores(fixture.experimentId());
        assertThat(body.get("scores")).isEqualTo(EventCodec.mapper().valueToTree(expectedTable(fixture)));
        assertThat(body.get("accuracyMetric").asText()).isEqualTo("summary");
        assertThat(body.get("units").asText()).isEqualTo("fraction");

        await().atMost(PATIENCE).until(() -> {
            List<TransferScoresComputed> published = KafkaEvents.scores(fixture.experimentId());
            return !published.isEmpty() && !published.get(published.size() - 1).partial();
        });
        List<TransferScoresComputed> published = KafkaEvents.scores(fixture.experimentId());
        TransferScoresComputed last = published.get(published.size() - 1);
        assertThat(last.scores()).isEqualTo(expectedTable(fixture));
        assertThat(published.subList(0, published.size() - 1)).allMatch(TransferScoresComputed::partial);
        assertThat(published.stream().map(TransferScoresComputed::eventId).distinct())
                .hasSize(published.size());

        given().get("/experiments").then().statusCode(200).body(containsString("\"kafka-ingest\""));
        given().get("/experiments/kafka-ingest").then().statusCode(200).body(containsString("\"completed\""));
        given().get("/experiments/nobody/scores").then().statusCode(404);
        given().get("/experiments/kafka-ingest/scores.csv")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .body(startsWith("section,direction,name,n,mean,low,high"))
                .body(containsString("arm,pooled,base,0,80."));

        String html = given().get("/experiments/kafka-ingest/report")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/html"))
                .extract()
                .asString();
        Matcher images =
                Pattern.compile("<img src=\"(report/[a-z0-9-]+\\.png)\"").matcher(html);
        Set<String> names = new HashSet<>();
        while (images.find()) {
            names.add(images.group(1));
            byte[] png = given().get("/experiments/kafka-ingest/" + images.group(1))
                    .then()
                    .statusCode(200)
                    .contentType("image/png")
                    .extract()
                    .asByteArray();
            assertThat(ImageIO.read(new ByteArrayInputStream(png)))
                    .as(images.group(1))
                    .isNotNull();
        }
        assertThat(names)
                .contains(
                        "report/figure2.png",
                        "report/effects-pooled.png",
                        "report/cka.png",
                        "report/cka-heatmap.png",
                        "report/specificity.png",
                        "report/filters.png");
        given().get("/experiments/kafka-ingest/report/nothing.png").then().statusCode(404);

        byte[] zip = given().get("/experiments/kafka-ingest/report.zip")
                .then()
                .statusCode(200)
                .contentType("application/zip")
                .extract()
                .asByteArray();
        Set<String> entries = new HashSet<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.add(e.getName());
            }
        }
        assertThat(entries).contains("report.html").containsAll(names);
    }

    @Test
    void duplicatesAndRedeliveriesChangeNothing() {
        FixtureExperiment fixture = new FixtureExperiment("kafka-dup", Instant.now());
        KafkaEvents.send(fixture.allEvents());
        awaitJobsDone(fixture.experimentId(), 65);
        await().atMost(PATIENCE)
                .until(() -> !scores(fixture.experimentId()).get("partial").asBoolean());
        JsonNode before = scores(fixture.experimentId());
        int published = KafkaEvents.scores(fixture.experimentId()).size();

        double duplicatesBefore = ingested("duplicate");
        double appliedBefore = ingested("applied");
        List<TransferLabEvent> again = new ArrayList<>(fixture.allEvents());
        // The same attempt's completion again under a new event id, later, with another number: the first counts.
        PlannedJob base = fixture.jobs().get(0);
        JobCompleted original = fixture.completions().get(0);
        KafkaEvents.send(again);
        KafkaEvents.send(List.of(new JobCompleted(
                "redelivered-" + base.jobId(),
                original.occurredAt().plusSeconds(1),
                1,
                fixture.experimentId(),
                base.jobId(),
                1,
                result(0.11))));
        await().atMost(PATIENCE).until(() -> ingested("duplicate") >= duplicatesBefore + again.size());
        await().atMost(PATIENCE).until(() -> ingested("applied") >= appliedBefore + 1);

        assertThat(scores(fixture.experimentId())).isEqualTo(before);
        assertThat(before.get("scores")).isEqualTo(EventCodec.mapper().valueToTree(expectedTable(fixture)));
        assertThat(KafkaEvents.scores(fixture.experimentId())).hasSize(published);
    }

    @Test
    void anomaliesAreRecordedAndNeverCorruptTheScores() {
        FixtureExperiment fixture = new FixtureExperiment("kafka-anomaly", Instant.now());
        KafkaEvents.send(fixture.allEvents());
        PlannedJob stranger = new PlannedJob(
                "kafka-anomaly.transfer.n6.AB.s0", JobKind.TRAIN, Arm.TRANSFER, 6, Half.A, Half.B, 0, List.of());
        KafkaEvents.send(List.of(fixture.completion(stranger, 1, Instant.now().plusSeconds(20))));
        String impossible = "{\"eventId\":\"impossible-1\",\"occurredAt\":\""
                + Instant.now().plusSeconds(30)
                + "\",\"schemaVersion\":1,\"experimentId\":\"kafka-anomaly\",\"jobId\":\""
                + fixture.jobs().get(1).jobId()
                + "\",\"attempt\":2,\"result\":{\"summaryTop1\":1.7,\"testTop1\":1.7,\"epochs\":3}}";
        KafkaEvents.sendRaw(
                Topics.JOB_EVENTS,
                fixture.jobs().get(1).jobId(),
                "io.transferlab.JobCompleted.v1",
                "impossible-1",
                impossible);

        await().atMost(PATIENCE)
                .until(() -> given().get("/experiments/kafka-anomaly/anomalies")
                                .then()
                                .extract()
                                .jsonPath()
                                .getList("kind")
                                .size()
                        == 2);
        List<String> kinds = given().get("/experiments/kafka-anomaly/anomalies")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("kind");
        assertThat(kinds).containsExactlyInAnyOrder("unknown-job", "malformed");
        String reasons = given().get("/experiments/kafka-anomaly/anomalies")
                .then()
                .extract()
                .asString();
        assertThat(reasons).contains("must be in [0, 1], got 1.7").contains("not in the plan");
        awaitJobsDone(fixture.experimentId(), 65);
        assertThat(scores(fixture.experimentId()).get("scores"))
                .isEqualTo(EventCodec.mapper().valueToTree(expectedTable(fixture)));
        assertThat(registry.counter("analytics.anomalies", "kind", "unknown-job")
                        .count())
                .isGreaterThanOrEqualTo(1);

        KafkaEvents.sendRaw(Topics.JOB_EVENTS, "nobody", null, "garbage-1", "not JSON at all");
        await().atMost(PATIENCE)
                .until(() -> given().get("/anomalies")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString()
                        .contains("\"garbage-1\""));
        assertThat(given().get("/anomalies").then().extract().asString()).contains("no ce_type header");

        FixtureExperiment cancelled = new FixtureExperiment("kafka-cancel", Instant.now());
        List<JobCompleted> completions = cancelled.completions();
        KafkaEvents.send(List.of(
                cancelled.accepted(),
                cancelled.planned(),
                completions.get(0),
                completions.get(1),
                new ExperimentCancelled(
                        "cancel-kafka-cancel", Instant.now().plusSeconds(60), 1, "kafka-cancel", "test"),
                cancelled.completion(cancelled.jobs().get(2), 1, Instant.now().plusSeconds(120))));
        await().atMost(PATIENCE)
                .until(() -> given().get("/experiments/kafka-cancel/anomalies")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("kind")
                        .contains("cancelled-experiment"));
        JsonNode body = scores("kafka-cancel");
        assertThat(body.get("status").asText()).isEqualTo("cancelled");
        assertThat(body.get("scores").get("jobsDone").asInt()).isEqualTo(2);
        assertThat(body.get("partial").asBoolean()).isFalse();
    }

    @Test
    void anEventThatDoesNotBelongOnTheScoresTopicIsDeadLetteredAndKeptAsAnAnomaly() {
        String key = "stray-" + UUID.randomUUID();
        KafkaEvents.sendRaw(Topics.SCORES, key, "io.transferlab.JobCompleted.v1", key, "{\"eventId\":\"" + key + "\"}");

        DeadLettered letter = await().atMost(PATIENCE)
                .until(() -> KafkaEvents.deadLetters(key), letters -> !letters.isEmpty())
                .get(0);
        assertThat(letter.originalTopic()).isEqualTo(Topics.SCORES);
        assertThat(letter.reason()).contains("does not belong on " + Topics.SCORES);
        assertThat(given().get("/anomalies").then().statusCode(200).extract().asString())
                .contains(key);
        assertThat(consumer.loopProblem()).isNull();
    }

    @Test
    void restartResumesFromTheSnapshotsWithoutDoubleCountingOrRepublishing() {
        FixtureExperiment fixture = new FixtureExperiment("kafka-restart", Instant.now());
        KafkaEvents.send(fixture.allEvents());
        awaitJobsDone(fixture.experimentId(), 65);
        await().atMost(PATIENCE)
                .until(() -> !KafkaEvents.scores(fixture.experimentId()).isEmpty()
                        && !last(KafkaEvents.scores(fixture.experimentId())).partial());
        JsonNode before = scores(fixture.experimentId());
        String viewBefore = given().get("/experiments/kafka-restart")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        int published = KafkaEvents.scores(fixture.experimentId()).size();

        consumer.rebuild();
        await().atMost(PATIENCE).until(consumer::caughtUp);
        awaitJobsDone(fixture.experimentId(), 65);

        // The ledgers came from the snapshots written on stop; only what came after them was read again.
        assertThat(consumer.replayStats().ledgers()).isGreaterThanOrEqualTo(1);
        assertThat(consumer.replayStats().events())
                .isLessThan(fixture.allEvents().size());
        assertThat(scores(fixture.experimentId())).isEqualTo(before);
        assertThat(given().get("/experiments/kafka-restart")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .isEqualTo(viewBefore);
        assertThat(before.get("scores").get("jobsDone").asInt()).isEqualTo(65);
        // Nothing changed, so nothing is published again: the scores' ids are digests of their content.
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> KafkaEvents.scores(fixture.experimentId()).size() == published);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200).body(containsString("analytics-consumer-loop"));
    }

    @Test
    void metricsAreScrapedFromTheEndpoint() {
        FixtureExperiment fixture = new FixtureExperiment("kafka-metrics", Instant.now());
        KafkaEvents.send(fixture.allEvents());
        awaitJobsDone(fixture.experimentId(), 65);
        await().atMost(PATIENCE)
                .until(() -> given().get("/q/metrics")
                        .then()
                        .extract()
                        .asString()
                        .contains("analytics_jobs_done{experiment=\"kafka-metrics\"} 65.0"));
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        double transfer = gauge(
                metrics,
                "analytics_arm_accuracy{arm=\"transfer\",direction=\"pooled\","
                        + "experiment=\"kafka-metrics\",n=\"2\"}");
        double expectedTransfer = fixture.jobs().stream()
                .filter(j -> j.arm() == Arm.TRANSFER && j.n() == 2)
                .mapToDouble(FixtureExperiment::accuracy)
                .average()
                .orElseThrow();
        assertThat(transfer).isCloseTo(expectedTransfer, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(gauge(
                        metrics,
                        "analytics_effect{direction=\"a-to-b\",effect=\"transfer-gap\","
                                + "experiment=\"kafka-metrics\",n=\"3\"}"))
                .isNegative();
        assertThat(gauge(metrics, "analytics_jobs_remaining{experiment=\"kafka-metrics\"}"))
                .isZero();
        // Micrometer's Kafka client metrics, bound on the analytics' own consumer
        assertThat(metrics)
                .contains(
                        "kafka_consumer_fetch_manager_records_consumed_total{", "client_id=\"transferlab-analytics\"");
        assertThat(metrics)
                .contains("analytics_events_ingested_total{outcome=\"applied\"}")
                .contains("analytics_consumer_lag ")
                .contains("analytics_anomalies_total{kind=\"unknown-job\"}");
        assertThat(gauge(metrics, "analytics_events_ingested_total{outcome=\"applied\"}"))
                .isGreaterThanOrEqualTo(67);
    }

    private static double gauge(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no series " + series + " in /q/metrics");
    }

    private double ingested(String outcome) {
        return registry.counter("analytics.events.ingested", "outcome", outcome).count();
    }

    private static TransferScoresComputed last(List<TransferScoresComputed> scores) {
        return scores.get(scores.size() - 1);
    }

    private static JobResult result(double accuracy) {
        return new JobResult(accuracy, null, accuracy, accuracy, 5, null, null, 1, 1, null, null);
    }

    private static void awaitJobsDone(String experimentId, int done) {
        await().atMost(PATIENCE).until(() -> {
            int status = given().get("/experiments/" + experimentId + "/scores")
                    .then()
                    .extract()
                    .statusCode();
            return status == 200
                    && scores(experimentId).get("scores").get("jobsDone").asInt() == done;
        });
    }

    private static JsonNode scores(String experimentId) {
        String body = given().get("/experiments/" + experimentId + "/scores")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        try {
            return EventCodec.mapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static io.transferlab.contracts.model.ScoreTable expectedTable(FixtureExperiment fixture) {
        LedgerStore store = new LedgerStore(AccuracyMetric.SUMMARY);
        fixture.allEvents().forEach(store::apply);
        return new ExperimentScorer(ScoringOptions.defaults())
                .snapshot(store.view(fixture.experimentId()).orElseThrow())
                .table();
    }
}

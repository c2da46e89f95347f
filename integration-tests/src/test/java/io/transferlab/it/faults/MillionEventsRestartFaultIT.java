package io.transferlab.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.EpochCompleted;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobHeartbeat;
import io.transferlab.contracts.events.JobStarted;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.model.JobResult;
import io.transferlab.kafka.EventRecords;
import io.transferlab.launcher.client.Http;
import io.transferlab.launcher.client.KafkaEvents;
import io.transferlab.launcher.stack.ServiceProcess;
import io.transferlab.launcher.stack.ServiceSpec;
import io.transferlab.launcher.stack.StackConfig;
import io.transferlab.localstack.KafkaBroker;
import io.transferlab.localstack.Ports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded history: with a million job events on the topics, the coordinator and the analytics, each a
 * packaged process limited to a 256 MiB heap, restart within 30 seconds and answer exactly what they
 * answered before. Fifty one-job experiments are requested for real; the test then plays their trainers
 * with a batched producer: per job one {@code JobStarted}, {@value #HEARTBEATS} heartbeats,
 * {@value #EPOCHS} {@code EpochCompleted} and one {@code JobCompleted}, 20,000 events, interleaved
 * across the jobs as concurrent trainers would write them. The services take them live (writing their
 * snapshots to the compacted state topics), are restarted one after the other, and must be ready again
 * (their {@code /q/health/ready}, that is the state rebuilt) within the bound, having replayed only what
 * came after their snapshots. A heap too small for the history would end the process
 * ({@code -XX:+ExitOnOutOfMemoryError}) and fail the test. The 30 s are a functional bound of the
 * product, asserted as a deadline; the figures printed ({@code [figures]}) go to docs/RELIABILITY.md.
 */
class MillionEventsRestartFaultIT {
    private static final int EXPERIMENTS = 50;
    private static final int EPOCHS = 100;
    private static final int HEARTBEATS = 19_898;
    private static final int EVENTS_PER_JOB = 1 + HEARTBEATS + EPOCHS + 1;
    private static final long HEAP_LIMIT = 256L * 1024 * 1024;
    private static final List<String> JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
    private static final Duration RESTART_BOUND = Duration.ofSeconds(30);
    private static final Duration FIRST_START = Duration.ofMinutes(4);
    private static final Duration INGEST = Duration.ofMinutes(25);
    private static final String TRAINER = "/transferlab/trainer";
    private static final Pattern COORDINATOR_REPLAY =
            Pattern.compile("state rebuilt from (\\d+) snapshots and (\\d+) events in (\\d+) ms");
    private static final Pattern ANALYTICS_REPLAY =
            Pattern.compile("read (\\d+) events after (\\d+) restored ledgers in (\\d+) ms");

    private static KafkaBroker kafka;
    private static final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    @BeforeAll
    static void start(@TempDir Path dir) {
        kafka = KafkaBroker.start();
        kafka.createTopics(Topics.ALL.stream().collect(Collectors.toMap(t -> t, t -> 3)));
        Path projectDir = Path.of(System.getProperty("transferlab.project.dir", ".."))
                .toAbsolutePath()
                .normalize();
        StackConfig layout = StackConfig.defaults(projectDir);
        for (String name : List.of("coordinator", "analytics")) {
            Map<String, String> env = Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS",
                    kafka.bootstrapServers(),
                    "QUARKUS_HTTP_PORT",
                    String.valueOf(Ports.freePort()),
                    "QUARKUS_LOG_CONSOLE_COLOR",
                    "false");
            ServiceSpec spec = ServiceSpec.quarkus(
                    name,
                    layout.serviceJar(name),
                    JVM,
                    env,
                    Integer.parseInt(env.get("QUARKUS_HTTP_PORT")),
                    dir.resolve(name + ".log"));
            services.put(name, new ServiceProcess(spec));
        }
        services.values().forEach(ServiceProcess::start);
        services.values().forEach(s -> s.awaitHealthy(FIRST_START));
    }

    @AfterAll
    static void stop() {
        services.values().forEach(s -> s.stop(Duration.ofSeconds(20)));
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void withAMillionJobEventsOnTheTopicsEachServiceRestartsWithin30sUnder256MiBWithTheSameState() throws Exception {
        List<String> experiments = new ArrayList<>();
        for (int i = 0; i < EXPERIMENTS; i++) {
            experiments.add(String.format("million-%02d", i));
        }
        requestAll(experiments);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> experiments.stream()
                        .allMatch(id -> "dispatched"
                                .equals(coordinatorJob(id).path("state").asText())));

        long produceStart = System.nanoTime();
        long produced = playTrainers(experiments);
        long produceMillis = (System.nanoTime() - produceStart) / 1_000_000;
        assertThat(produced).isEqualTo((long) EXPERIMENTS * EVENTS_PER_JOB).isGreaterThanOrEqualTo(1_000_000);

        long ingestStart = System.nanoTime();
        await().atMost(INGEST)
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> experiments.stream()
                        .allMatch(id -> "completed"
                                        .equals(coordinator("/experiments/" + id)
                                                .path("summary")
                                                .path("state")
                                                .asText())
                                && analytics("/experiments/" + id)
                                                .path("jobsDone")
                                                .asInt()
                                        == 1));
        long ingestMillis = (System.nanoTime() - ingestStart) / 1_000_000;
        for (String id : experiments) {
            JsonNode job = coordinatorJob(id);
            assertThat(job.path("state").asText()).as(id).isEqualTo("succeeded");
            assertThat(job.path("epoch").asInt()).as(id).isEqualTo(EPOCHS);
        }
        Map<String, String> before = awaitSettled(experiments);

        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("events produced", produced + " in " + produceMillis + " ms");
        figures.put("taken live by both services", ingestMillis + " ms after the last send");
        for (ServiceProcess service : services.values()) {
            figures.put(service.name() + " heap used before restart", mib(heapUsed(service)));
            long restart = restart(service);
            assertThat(Duration.ofMillis(restart))
                    .as(service.name() + " restart")
                    .isLessThan(RESTART_BOUND);
            assertThat(heapMax(service)).as(service.name() + " heap limit").isLessThanOrEqualTo(HEAP_LIMIT);
            figures.put(service.name() + " restart to ready", restart + " ms");
            figures.put(service.name() + " heap used after restart", mib(heapUsed(service)));
        }
        long[] coordinatorReplay = lastMatch(services.get("coordinator"), COORDINATOR_REPLAY);
        long[] analyticsReplay = lastMatch(services.get("analytics"), ANALYTICS_REPLAY);
        figures.put(
                "coordinator rebuild",
                coordinatorReplay[0] + " snapshots + " + coordinatorReplay[1] + " events in " + coordinatorReplay[2]
                        + " ms");
        figures.put(
                "analytics rebuild",
                analyticsReplay[1] + " ledgers + " + analyticsReplay[0] + " events in " + analyticsReplay[2] + " ms");
        figures.forEach((k, v) -> System.out.println("[figures] " + k + ": " + v));

        assertThat(coordinatorReplay[0]).as("coordinator snapshots restored").isGreaterThanOrEqualTo(EXPERIMENTS);
        assertThat(coordinatorReplay[1])
                .as("coordinator events replayed after its snapshots")
                .isLessThan(1_000);
        assertThat(analyticsReplay[1]).as("analytics ledgers restored").isGreaterThanOrEqualTo(EXPERIMENTS);
        assertThat(analyticsReplay[0])
                .as("analytics events replayed after its snapshots")
                .isLessThan(1_000);
        assertThat(state(experiments))
                .as("what both services answer after their restarts")
                .isEqualTo(before);
        services.values().forEach(s -> assertThat(s.isAlive()).as(s.name()).isTrue());
    }

    /** Each request as a user would publish it (./transferlab submit's publisher). */
    private static void requestAll(List<String> experiments) {
        for (String id : experiments) {
            String body = ("{'eventId':'request-" + id + "','experimentId':'" + id + "',"
                            + "'dataset':{'name':'fashion-mnist'},'arms':['base'],'directions':'b-to-a',"
                            + "'tags':{'purpose':'million-events'}}")
                    .replace('\'', '"');
            KafkaEvents.publish(kafka.bootstrapServers(), EventCodec.fromJson(body, ExperimentRequested.class));
        }
    }

    /**
     * Every job's events, round by round across the jobs: started, then heartbeats with an epoch end every
     * {@code HEARTBEATS / EPOCHS} of them, then completed. Returns the number of events the broker took.
     */
    private static long playTrainers(List<String> experiments) {
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        // after the experiments were planned (the analytics counts no event that happened before its plan), one
        // millisecond apart
        Instant start = Instant.now();
        int perEpoch = HEARTBEATS / EPOCHS + 1;
        try (var producer = producer()) {
            for (int step = 0; step < EVENTS_PER_JOB; step++) {
                for (String id : experiments) {
                    String jobId = jobId(id);
                    Instant at = start.plusMillis(step);
                    TransferLabEvent event;
                    if (step == 0) {
                        event = new JobStarted(null, at, 0, id, jobId, 1, "trainer-" + id, "cpu", null);
                    } else if (step == EVENTS_PER_JOB - 1) {
                        event = new JobCompleted(
                                null,
                                at,
                                0,
                                id,
                                jobId,
                                1,
                                new JobResult(
                                        0.8,
                                        null,
                                        0.8,
                                        0.8,
                                        EPOCHS,
                                        "s3://transferlab/experiments/" + id + "/jobs/" + jobId + "/final.ckpt",
                                        "sha-" + jobId,
                                        10,
                                        12,
                                        null,
                                        null));
                    } else if (step % perEpoch == 0 && step / perEpoch <= EPOCHS) {
                        int epoch = step / perEpoch;
                        event = new EpochCompleted(
                                null,
                                at,
                                0,
                                id,
                                jobId,
                                1,
                                epoch,
                                EPOCHS,
                                1.0 / epoch,
                                0.5 + 0.3 * epoch / EPOCHS,
                                null,
                                0.01,
                                1000.0,
                                60_000);
                    } else {
                        int epoch = Math.min(step / perEpoch, EPOCHS);
                        event = new JobHeartbeat(
                                null,
                                at,
                                0,
                                id,
                                jobId,
                                1,
                                "trainer-" + id,
                                epoch,
                                step,
                                (double) step / EVENTS_PER_JOB);
                    }
                    producer.send(EventRecords.of(event, TRAINER), (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        } else {
                            acknowledged.incrementAndGet();
                        }
                    });
                }
            }
            producer.flush();
        }
        assertThat(failure.get()).as("a send failed").isNull();
        return acknowledged.get();
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static String jobId(String experimentId) {
        return experimentId + ".base.n0.-A.s0";
    }

    /** Stops the service (SIGTERM) and starts it again; the milliseconds from the start to ready. */
    private static long restart(ServiceProcess service) {
        service.stop(Duration.ofSeconds(30));
        long started = System.nanoTime();
        service.start();
        service.awaitHealthy(RESTART_BOUND.multipliedBy(4));
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** What the services answer about the experiments, once two reads a few seconds apart agree. */
    private static Map<String, String> awaitSettled(List<String> experiments) {
        AtomicReference<Map<String, String>> last = new AtomicReference<>(Map.of());
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(3))
                .until(() -> {
                    Map<String, String> now = state(experiments);
                    return now.equals(last.getAndSet(now));
                });
        return last.get();
    }

    private static Map<String, String> state(List<String> experiments) {
        Map<String, String> state = new LinkedHashMap<>();
        state.put(
                "coordinator /experiments",
                Http.getOk(url("coordinator") + "/experiments").text());
        state.put(
                "analytics /experiments",
                Http.getOk(url("analytics") + "/experiments").text());
        for (String id : experiments) {
            state.put(
                    "coordinator /experiments/" + id,
                    Http.getOk(url("coordinator") + "/experiments/" + id).text());
            for (String view : List.of("", "/scores", "/networks.csv")) {
                state.put(
                        "analytics /experiments/" + id + view,
                        Http.getOk(url("analytics") + "/experiments/" + id + view)
                                .text());
            }
        }
        return state;
    }

    private static JsonNode coordinatorJob(String experimentId) {
        JsonNode jobs = coordinator("/experiments/" + experimentId).path("jobs");
        return jobs.isArray() && !jobs.isEmpty() ? jobs.get(0) : jobs;
    }

    private static JsonNode coordinator(String path) {
        Http.Response response = Http.get(url("coordinator") + path);
        return response.ok() ? response.json() : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static JsonNode analytics(String path) {
        Http.Response response = Http.get(url("analytics") + path);
        return response.ok() ? response.json() : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static String url(String service) {
        return services.get(service).spec().baseUrl();
    }

    private static long heapUsed(ServiceProcess service) {
        return heapSeries(service, "jvm_memory_used_bytes");
    }

    private static long heapMax(ServiceProcess service) {
        return heapSeries(service, "jvm_memory_max_bytes");
    }

    /** The sum of a JVM memory series over the heap pools, from {@code /q/metrics}. */
    private static long heapSeries(ServiceProcess service, String series) {
        return (long) Http.getOk(service.spec().baseUrl() + "/q/metrics")
                .text()
                .lines()
                .filter(line -> line.startsWith(series + "{") && line.contains("area=\"heap\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The numbers of the last log line matching the pattern (the latest rebuild). */
    private static long[] lastMatch(ServiceProcess service, Pattern pattern) throws Exception {
        long[] found = null;
        for (String line : Files.readAllLines(service.spec().logFile(), StandardCharsets.UTF_8)) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                found = new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
            }
        }
        assertThat(found).as(pattern + " in " + service.spec().logFile()).isNotNull();
        return found;
    }

    private static String mib(long bytes) {
        return String.format("%.0f MiB", bytes / 1024.0 / 1024.0);
    }
}

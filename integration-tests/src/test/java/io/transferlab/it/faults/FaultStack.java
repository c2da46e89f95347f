package io.transferlab.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.kafka.EventRecords;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.launcher.client.Http;
import io.transferlab.launcher.client.KafkaEvents;
import io.transferlab.launcher.stack.Preflight;
import io.transferlab.launcher.stack.ServiceProcess;
import io.transferlab.launcher.stack.Stack;
import io.transferlab.launcher.stack.StackConfig;
import io.transferlab.localstack.KafkaBroker;
import io.transferlab.localstack.S3Server;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The whole system for one fault class: its own Kafka broker and S3Proxy as child processes, owned here
 * so that a test may stop and start them, the three packaged services as supervised processes, and the faults a test
 * drives against them: SIGKILL, SIGSTOP/SIGCONT, broker and object store stopped and started again.
 * State and logs stay under {@code integration-tests/target/faults/<name>/} for a post-mortem.
 */
final class FaultStack implements AutoCloseable {

    /** How long one small experiment may take on a two-core machine busy with other builds, faults aside. */
    static final Duration EXPERIMENT_DEADLINE = Duration.ofMinutes(20);

    /** How long a process may take to start on a busy two-core machine. */
    private static final Duration STARTUP_DEADLINE = Duration.ofMinutes(30);

    private final String name;
    private final KafkaBroker kafka;
    private final S3Server s3;
    private final Stack stack;
    private final Thread shutdownHook;

    private FaultStack(String name, KafkaBroker kafka, S3Server s3, Stack stack) {
        this.name = name;
        this.kafka = kafka;
        this.s3 = s3;
        this.stack = stack;
        this.shutdownHook = new Thread(this::stopAll, "fault-stack-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts everything with the given service environment (e.g. short timeouts) on free ports. */
    static FaultStack start(String name, Map<String, String> environment) {
        Path projectDir = Path.of(System.getProperty("transferlab.project.dir", ".."))
                .toAbsolutePath()
                .normalize();
        // One folder per test JVM and class, so that runs side by side never share (or clear) each other's state.
        Path stateDir = projectDir
                .resolve("integration-tests/target/faults")
                .resolve(name + "-" + ProcessHandle.current().pid());
        deleteRecursively(stateDir);
        StackConfig defaults = StackConfig.defaults(projectDir);
        Preflight.requireFashionMnist(defaults.dataDir());
        Map<String, String> env = new HashMap<>(environment);
        env.put("QUARKUS_LOG_CONSOLE_COLOR", "false");
        // The suite owns the broker and the object store it stops and starts again; free ports everywhere.
        KafkaBroker kafka = KafkaBroker.builder()
                .directory(stateDir.resolve("kafka"))
                .startupTimeout(STARTUP_DEADLINE)
                .start();
        S3Server s3;
        try {
            s3 = S3Server.builder()
                    .directory(stateDir.resolve("s3"))
                    .startupTimeout(STARTUP_DEADLINE)
                    .start();
        } catch (RuntimeException e) {
            kafka.stop();
            throw e;
        }
        StackConfig config =
                new StackConfig(projectDir, stateDir, 0, 0, 0, 0, 0, defaults.dataDir(), STARTUP_DEADLINE, env, true);
        try {
            Stack stack = Stack.start(config, line -> System.out.println("[" + name + "] " + line), kafka, s3);
            return new FaultStack(name, kafka, s3, stack);
        } catch (RuntimeException e) {
            s3.stop();
            kafka.stop();
            throw e;
        }
    }

    String bootstrap() {
        return kafka.bootstrapServers();
    }

    S3Server s3() {
        return s3;
    }

    String url(String service) {
        return stack.url(service);
    }

    void publish(ExperimentRequested request) {
        KafkaEvents.publish(bootstrap(), request);
    }

    /** Publishes raw bytes with the given headers and returns where they landed. */
    RecordMetadata send(String topic, String key, byte[] body, Map<String, String> headers) {
        Map<String, Object> props = new KafkaClientConfig(Map.of("bootstrap.servers", bootstrap()))
                .acknowledgedProducer("fault-suite", Duration.ofSeconds(60));
        props.put("max.request.size", 4 * 1024 * 1024);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaClientConfig(Map.of("bootstrap.servers", bootstrap())).newProducer(props)) {
            return producer.send(EventRecords.of(topic, key, body, headers)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot publish to " + topic, e);
        }
    }

    /** Waits until the coordinator reports the experiment finished (completed or failed) and returns its state. */
    String awaitFinished(String experimentId, Duration deadline) {
        String url = url("coordinator") + "/experiments/" + experimentId;
        String[] state = {null};
        await("experiment " + experimentId + " finished")
                .atMost(deadline)
                .pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions()
                .until(() -> {
                    Http.Response response = Http.get(url);
                    state[0] = response.ok()
                            ? response.json().path("summary").path("state").asText()
                            : null;
                    return state[0] != null && !"running".equals(state[0]);
                });
        return state[0];
    }

    /** Whether the coordinator knows the experiment as finished (completed, failed, cancelled, rejected). */
    boolean finished(String experimentId) {
        Http.Response response = Http.get(url("coordinator") + "/experiments/" + experimentId);
        return response.ok()
                && !"running"
                        .equals(response.json().path("summary").path("state").asText());
    }

    /** GET of a service that must answer 2xx, as JSON. */
    JsonNode json(String service, String path) {
        try {
            return EventCodec.mapper().readTree(Http.getOk(url(service) + path).body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + path, e);
        }
    }

    /** SIGKILL, as in a crash; the supervisor restarts the service as Kubernetes would. */
    void kill(String service) {
        stack.service(service).kill();
    }

    /** Waits until the supervisor restarted the service {@code restarts} times and it answers ready again. */
    void awaitRestartedAndReady(String service, int restarts) {
        await(service + " restart #" + restarts)
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> stack.supervisor().restarts(service) >= restarts
                        && stack.service(service).isAlive());
        stack.service(service).awaitHealthy(Duration.ofMinutes(5));
    }

    /** SIGSTOP: the process freezes, sockets open, nothing answers. */
    void freeze(String service) {
        signal(stack.service(service), "STOP");
    }

    /** SIGCONT: a frozen process goes on where it stopped. */
    void thaw(String service) {
        signal(stack.service(service), "CONT");
    }

    int restarts(String service) {
        return stack.supervisor().restarts(service);
    }

    /** Restarts of all three services by the supervisor (no one restarts them by hand in this suite). */
    Map<String, Integer> restarts() {
        Map<String, Integer> restarts = new java.util.LinkedHashMap<>();
        StackConfig.SERVICES.forEach(s -> restarts.put(s, restarts(s)));
        return restarts;
    }

    /** No service was restarted, not even by the supervisor, and all three still run. */
    void assertNoRestarts() {
        assertThat(restarts())
                .as("supervisor restarts")
                .containsOnly(Map.entry("coordinator", 0), Map.entry("trainer", 0), Map.entry("analytics", 0));
        assertThat(allAlive()).as("all three services run").isTrue();
    }

    boolean allAlive() {
        return stack.services().stream().allMatch(ServiceProcess::isAlive);
    }

    /** Stops the broker (SIGTERM, controlled shutdown); {@link #startBroker()} brings it back on the same port and data. */
    void stopBroker() {
        kafka.stop();
    }

    void startBroker() {
        kafka.restart();
    }

    /** Stops S3Proxy; {@link #startObjectStore()} brings it back on the same port with the same objects. */
    void stopObjectStore() {
        s3.stop();
    }

    void startObjectStore() {
        s3.restart();
    }

    private static void deleteRecursively(Path dir) {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot clear " + dir, e);
        }
    }

    private static void signal(ServiceProcess service, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(service.pid()))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + signal + " " + service + " failed");
            }
        } catch (IOException e) {
            throw new AssertionError("cannot signal " + service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while signalling " + service, e);
        }
    }

    /** Thaws whatever a failed test left frozen, brings the infrastructure back if stopped, then stops it all. */
    @Override
    public void close() {
        for (ServiceProcess service : stack.services()) {
            if (service.isAlive()) {
                try {
                    signal(service, "CONT");
                } catch (AssertionError e) {
                    System.err.println("[" + name + "] " + e.getMessage());
                }
            }
        }
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and runs the hook itself
        }
    }

    /** Services first, then the object store and the broker (the stack leaves those it did not start). */
    private void stopAll() {
        stack.close();
        s3.stop();
        kafka.stop();
    }
}

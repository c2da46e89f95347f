package io.transferlab.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transferlab.contracts.TopicPolicy;
import io.transferlab.contracts.Topics;
import io.transferlab.launcher.cli.TransferLabCli;
import io.transferlab.launcher.client.Http;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The launcher's stack with a real broker and S3Proxy, and stand-in service processes. */
class StackTest {

    @Test
    void startsEverythingWiresTheServicesRestartsACrashAndStopsAll(@TempDir Path dir) throws Exception {
        Path project = FakeProject.create(dir.resolve("project"));
        StackConfig config = StackConfig.defaults(project).withFreePorts().withStateDir(dir.resolve("state"));
        List<String> log = new CopyOnWriteArrayList<>();
        Stack stack = Stack.start(config, log::add);
        List<Long> pids;
        try {
            assertThat(stack.kafka().topics()).containsAll(Topics.ALL);
            assertThat(topicSettings(stack))
                    .as("each topic's retention and cleanup as TopicPolicy sets them")
                    .isEqualTo(expectedTopicSettings());
            Map<String, String> env = envOf(stack.url("trainer"));
            assertThat(env)
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", stack.kafka().bootstrapServers())
                    .containsEntry("TRANSFERLAB_S3_ENDPOINT", stack.s3().endpoint())
                    .containsEntry("TRANSFERLAB_S3_ACCESS_KEY", stack.s3().accessKey())
                    .containsEntry("TRANSFERLAB_S3_SECRET_KEY", stack.s3().secretKey())
                    .containsEntry("TRANSFERLAB_TRAINER_DATA_DIR", "/usr/share/datasets")
                    .containsKey("QUARKUS_HTTP_PORT");
            assertThat(stack.environmentLines())
                    .containsKeys(
                            "KAFKA_BOOTSTRAP",
                            "S3_ENDPOINT",
                            "S3_ACCESS_KEY",
                            "S3_SECRET_KEY",
                            "COORDINATOR_URL",
                            "TRAINER_URL",
                            "ANALYTICS_URL",
                            "COORDINATOR_PID",
                            "TRAINER_PID",
                            "ANALYTICS_PID");

            ServiceProcess analytics = stack.service("analytics");
            long before = analytics.pid();
            analytics.kill();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> stack.supervisor().restarts("analytics") == 1);
            analytics.awaitHealthy(Duration.ofSeconds(20));
            assertThat(analytics.pid()).isNotEqualTo(before);
            assertThat(log).anySatisfy(l -> assertThat(l).contains("analytics (pid " + before + ") exited"));
            pids = List.of(
                    stack.kafka().pid(),
                    stack.s3().pid(),
                    stack.service("coordinator").pid(),
                    stack.service("trainer").pid(),
                    analytics.pid());
        } finally {
            stack.close();
        }
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("pid " + pid)
                    .isFalse();
        }
    }

    @Test
    void upPrintsWhereEverythingIsAndDownStopsExactlyThat(@TempDir Path dir) throws Exception {
        Path project = FakeProject.create(dir.resolve("project"));
        Path state = dir.resolve("state");
        System.setProperty("transferlab.home", project.toString());
        try {
            StringWriter out = new StringWriter();
            CommandLine cli = TransferLabCli.commandLine();
            cli.setOut(new PrintWriter(out));
            int status =
                    cli.execute("up", "--free-ports", "--state-dir", state.toString(), "--data-dir", dir.toString());
            assertThat(status)
                    .as(
                            Files.exists(state.resolve("supervisor.log"))
                                    ? Files.readString(state.resolve("supervisor.log"))
                                    : "no log")
                    .isZero();

            Map<String, String> lines = parse(out.toString());
            assertThat(lines)
                    .containsKeys(
                            "KAFKA_BOOTSTRAP",
                            "S3_ENDPOINT",
                            "S3_ACCESS_KEY",
                            "S3_SECRET_KEY",
                            "COORDINATOR_URL",
                            "TRAINER_URL",
                            "ANALYTICS_URL",
                            "COORDINATOR_PID",
                            "TRAINER_PID",
                            "ANALYTICS_PID",
                            "KAFKA_PID",
                            "S3PROXY_PID",
                            "SUPERVISOR_PID");
            assertThat(Http.get(lines.get("COORDINATOR_URL") + "/q/health/ready")
                            .status())
                    .isEqualTo(200);
            assertThat(envOf(lines.get("COORDINATOR_URL")))
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", lines.get("KAFKA_BOOTSTRAP"));
            assertTheSecretIsOnlyInTheOwnerOnlyEnvFile(state, lines.get("S3_SECRET_KEY"));

            // a second up refuses
            StringWriter err = new StringWriter();
            CommandLine again = TransferLabCli.commandLine();
            again.setErr(new PrintWriter(err));
            assertThat(again.execute("up", "--free-ports", "--state-dir", state.toString()))
                    .isEqualTo(1);
            assertThat(err.toString()).contains("already up");

            // the supervisor restarts a killed service and records its new pid
            long trainer = Long.parseLong(lines.get("TRAINER_PID"));
            ProcessHandle.of(trainer).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                String pid = new StateDir(state).env().get("TRAINER_PID");
                return pid != null && Long.parseLong(pid) != trainer;
            });
            long restarted = Long.parseLong(new StateDir(state).env().get("TRAINER_PID"));

            assertThat(TransferLabCli.run("down", "--state-dir", state.toString()))
                    .isZero();

            for (String key :
                    List.of("KAFKA_PID", "S3PROXY_PID", "COORDINATOR_PID", "ANALYTICS_PID", "SUPERVISOR_PID")) {
                long pid = Long.parseLong(lines.get(key));
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                        .as(key)
                        .isFalse();
            }
            assertThat(ProcessHandle.of(restarted).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            assertThat(state.resolve("stack.env")).doesNotExist();
        } finally {
            System.clearProperty("transferlab.home");
            TransferLabCli.run("down", "--state-dir", state.toString());
        }
    }

    /** No log line or state file the stack wrote holds the S3 secret key, but stack.env, which is mode 0600. */
    private static Map<String, List<String>> topicSettings(Stack stack) throws Exception {
        try (Admin admin = stack.kafka().admin()) {
            List<ConfigResource> topics = Stack.TOPICS.keySet().stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                    .toList();
            Map<String, List<String>> settings = new TreeMap<>();
            admin.describeConfigs(topics)
                    .all()
                    .get(60, TimeUnit.SECONDS)
                    .forEach((topic, config) -> settings.put(
                            topic.name(),
                            List.of(
                                    config.get("cleanup.policy").value(),
                                    config.get("retention.ms").value())));
            return settings;
        }
    }

    private static Map<String, List<String>> expectedTopicSettings() {
        Map<String, List<String>> settings = new TreeMap<>();
        Stack.TOPICS
                .keySet()
                .forEach(t -> settings.put(
                        t,
                        List.of(
                                TopicPolicy.of(t).cleanupPolicy(),
                                TopicPolicy.of(t).retentionMs())));
        return settings;
    }

    private static void assertTheSecretIsOnlyInTheOwnerOnlyEnvFile(Path state, String secret) throws Exception {
        assertThat(secret).isNotBlank();
        Path envFile = new StateDir(state).envFile();
        Path log = new StateDir(state).logFile();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("S3_SECRET_KEY=<redacted>"));
        assertThat(Files.readString(envFile)).contains("S3_SECRET_KEY=" + secret);
        assertThat(Files.getPosixFilePermissions(envFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        List<Path> files;
        try (var walk = Files.walk(state)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> !f.equals(envFile))
                    .toList();
        }
        assertThat(files)
                .extracting(f -> f.getFileName().toString())
                .contains("supervisor.log", "coordinator.log", "trainer.log", "analytics.log", "s3proxy.properties");
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (java.nio.file.NoSuchFileException e) {
                continue; // the broker removed one of its files meanwhile
            }
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                    .as(file.toString())
                    .doesNotContain(secret);
        }
    }

    private static Map<String, String> envOf(String url) {
        return parse(Http.getOk(url + "/env").text());
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> map = new HashMap<>();
        text.lines()
                .filter(l -> l.contains("="))
                .forEach(l -> map.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return map;
    }
}

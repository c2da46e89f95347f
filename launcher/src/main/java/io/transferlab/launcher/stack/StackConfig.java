package io.transferlab.launcher.stack;

import io.transferlab.kafka.KafkaClientConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where and how the local stack runs. Port 0 means any free port.
 *
 * @param projectDir    repository root (holds {@code services/<name>/target/quarkus-app/quarkus-run.jar})
 * @param stateDir      Kafka and S3 data, service logs, trainer work dir
 * @param dataDir       dataset root of the trainer ({@code transferlab.trainer.data-dir})
 * @param extraEnv      environment for every service, e.g. overrides of {@code TRANSFERLAB_*} settings
 */
public record StackConfig(
        Path projectDir,
        Path stateDir,
        int kafkaPort,
        int s3Port,
        int coordinatorPort,
        int trainerPort,
        int analyticsPort,
        Path dataDir,
        Duration healthTimeout,
        Map<String, String> extraEnv,
        boolean watchParent) {

    public static final List<String> SERVICES = List.of("coordinator", "trainer", "analytics");

    public StackConfig {
        extraEnv = Map.copyOf(extraEnv);
    }

    /** Defaults of {@code ./transferlab}: fixed well-known ports, state in {@code .transferlab/}. */
    public static StackConfig defaults(Path projectDir) {
        return new StackConfig(
                projectDir,
                projectDir.resolve(".transferlab"),
                9092,
                9000,
                8081,
                8082,
                8083,
                Path.of("/usr/share/datasets"),
                Duration.ofSeconds(240),
                Map.of(),
                true);
    }

    /** Every port chosen freely: for tests next to other stacks. */
    public StackConfig withFreePorts() {
        return new StackConfig(projectDir, stateDir, 0, 0, 0, 0, 0, dataDir, healthTimeout, extraEnv, watchParent);
    }

    public StackConfig withStateDir(Path dir) {
        return new StackConfig(
                projectDir,
                dir,
                kafkaPort,
                s3Port,
                coordinatorPort,
                trainerPort,
                analyticsPort,
                dataDir,
                healthTimeout,
                extraEnv,
                watchParent);
    }

    public StackConfig withDataDir(Path dir) {
        return new StackConfig(
                projectDir,
                stateDir,
                kafkaPort,
                s3Port,
                coordinatorPort,
                trainerPort,
                analyticsPort,
                dir,
                healthTimeout,
                extraEnv,
                watchParent);
    }

    public StackConfig withExtraEnv(Map<String, String> env) {
        return new StackConfig(
                projectDir,
                stateDir,
                kafkaPort,
                s3Port,
                coordinatorPort,
                trainerPort,
                analyticsPort,
                dataDir,
                healthTimeout,
                env,
                watchParent);
    }

    public int servicePort(String service) {
        return switch (service) {
            case "coordinator" -> coordinatorPort;
            case "trainer" -> trainerPort;
            case "analytics" -> analyticsPort;
            default -> throw new IllegalArgumentException("unknown service " + service);
        };
    }

    /** Everything but the values of secrets among {@code extraEnv}. */
    @Override
    public String toString() {
        return "StackConfig[projectDir=" + projectDir + ", stateDir=" + stateDir + ", kafkaPort=" + kafkaPort
                + ", s3Port=" + s3Port + ", coordinatorPort=" + coordinatorPort + ", trainerPort=" + trainerPort
                + ", analyticsPort=" + analyticsPort + ", dataDir=" + dataDir + ", healthTimeout=" + healthTimeout
                + ", extraEnv=" + KafkaClientConfig.redacted(extraEnv) + ", watchParent=" + watchParent + "]";
    }

    public Path serviceJar(String service) {
        return projectDir.resolve("services").resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }
}

package io.transferlab.launcher.cli;

import io.transferlab.launcher.stack.Preflight;
import io.transferlab.launcher.stack.StackConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by the commands that start a stack ({@code demo}, {@code up}). */
public class StackOptions {

    @Option(
            names = "--kafka-port",
            defaultValue = "9092",
            description = "Kafka port (0: any free port; default ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(
            names = "--s3-port",
            defaultValue = "9000",
            description = "S3 port (0: any free port; default ${DEFAULT-VALUE})")
    int s3Port;

    @Option(names = "--coordinator-port", defaultValue = "8081", description = "default ${DEFAULT-VALUE}")
    int coordinatorPort;

    @Option(names = "--trainer-port", defaultValue = "8082", description = "default ${DEFAULT-VALUE}")
    int trainerPort;

    @Option(names = "--analytics-port", defaultValue = "8083", description = "default ${DEFAULT-VALUE}")
    int analyticsPort;

    @Option(names = "--free-ports", description = "pick free ports for everything instead of the defaults")
    boolean freePorts;

    @Option(
            names = "--data-dir",
            defaultValue = "/usr/share/datasets",
            description = "dataset root of the trainer, holding fashion-mnist/ (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(
            names = "--health-timeout",
            defaultValue = "240",
            description = "seconds to wait for each service (default ${DEFAULT-VALUE})")
    int healthTimeoutSeconds;

    /** Checks Java and provides Fashion-MNIST (downloading it if asked); returns the trainer's dataset root. */
    Path prepareDataDir(PrintStream err) {
        Preflight.requireJava(Runtime.version().feature());
        return DemoDataset.provide(dataDir, err, System.console() != null);
    }

    /** Repository root: where services/<name>/target/quarkus-app lives. */
    static Path projectDir() {
        String home = System.getProperty("transferlab.home", System.getenv("TRANSFERLAB_HOME"));
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.dir") : home)
                .toAbsolutePath();
    }

    StackConfig toConfig(Path stateDir, boolean watchParent) {
        StackConfig config = new StackConfig(
                projectDir(),
                stateDir,
                kafkaPort,
                s3Port,
                coordinatorPort,
                trainerPort,
                analyticsPort,
                dataDir,
                Duration.ofSeconds(healthTimeoutSeconds),
                Map.of(),
                watchParent);
        return freePorts ? config.withFreePorts() : config;
    }

    /** The same options as arguments, to hand to the background supervisor. */
    java.util.List<String> toArguments() {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "--kafka-port",
                String.valueOf(kafkaPort),
                "--s3-port",
                String.valueOf(s3Port),
                "--coordinator-port",
                String.valueOf(coordinatorPort),
                "--trainer-port",
                String.valueOf(trainerPort),
                "--analytics-port",
                String.valueOf(analyticsPort),
                "--data-dir",
                dataDir.toString(),
                "--health-timeout",
                String.valueOf(healthTimeoutSeconds)));
        if (freePorts) {
            args.add("--free-ports");
        }
        return args;
    }
}

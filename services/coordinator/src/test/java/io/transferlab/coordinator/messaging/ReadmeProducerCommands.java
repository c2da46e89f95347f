package io.transferlab.coordinator.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.tools.ConsoleProducer;

/**
 * The one-line Kafka-tool commands the root README shows to trigger an experiment, run as a user would: by
 * bash, from the repository root, with {@code kcat} from the system and {@code kafka-console-producer.sh} as
 * Kafka's script is (a wrapper that runs {@link ConsoleProducer} on this test's class path). The only change
 * is the broker address: the README's {@code localhost:9092} becomes the test broker's.
 */
final class ReadmeProducerCommands {
    static final String README_BROKER = "localhost:9092";
    private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();

    private ReadmeProducerCommands() {}

    /** The README's lines that pipe a request into kcat or kafka-console-producer.sh, in their order. */
    static List<String> fromReadme() throws IOException {
        return Files.readAllLines(ROOT.resolve("README.md")).stream()
                .filter(line -> line.startsWith("jq -c . ")
                        && (line.contains("| kcat -P") || line.contains("| kafka-console-producer.sh")))
                .toList();
    }

    /** Runs {@code command} against {@code bootstrap}; returns its output when it exits 0, else throws. */
    static String run(String command, String bootstrap, Path tools) throws IOException, InterruptedException {
        Path script = tools.resolve("kafka-console-producer.sh");
        if (!Files.exists(script)) {
            Files.writeString(
                    script,
                    "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                            + "' -cp '" + System.getProperty("java.class.path") + "' " + ConsoleProducer.class.getName()
                            + " \"$@\"\n",
                    StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        ProcessBuilder builder = new ProcessBuilder(
                        "bash", "-o", "pipefail", "-c", command.replace(README_BROKER, bootstrap))
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        builder.environment().merge("PATH", tools.toString(), (path, dir) -> dir + ":" + path);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("still running after 2 minutes: " + command);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit " + process.exitValue() + " from " + command + ":\n" + output);
        }
        return output;
    }
}

package io.transferlab.trainer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.trainer.storage.ObjectStoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A trainer as a process of its own, for the crash tests: {@code java -cp <test classpath>
 * io.transferlab.trainer.TrainerProcessMain <id> <bootstrap> <s3 endpoint> <access key> <secret key> <work dir>
 * <parent pid>}. Exits when the parent JVM is gone.
 */
public final class TrainerProcessMain {
    private TrainerProcessMain() {}

    public static void main(String[] args) throws InterruptedException {
        TrainerNode.Settings settings = settings(args[0], args[1], args[2], args[3], args[4], Path.of(args[5]));
        ProcessHandle.of(Long.parseLong(args[6]))
                .ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(3)));
        TrainerNode node = new TrainerNode(settings, new SimpleMeterRegistry());
        Runtime.getRuntime().addShutdownHook(new Thread(node::close));
        node.start();
        new CountDownLatch(1).await();
    }

    /** The settings the tests give every trainer: 1-second heartbeats, retention 2. */
    public static TrainerNode.Settings settings(
            String id, String bootstrap, String s3Endpoint, String accessKey, String secretKey, Path workDir) {
        return new TrainerNode.Settings(
                id,
                new KafkaClientConfig(Map.of("bootstrap.servers", bootstrap)),
                1,
                Duration.ofSeconds(1),
                workDir,
                Path.of("/usr/share/datasets"),
                2,
                new ObjectStoreSettings(
                        s3Endpoint, accessKey, secretKey, "transferlab", "us-east-1", Duration.ofSeconds(20)),
                Duration.ofMinutes(5),
                Duration.ZERO,
                null);
    }
}

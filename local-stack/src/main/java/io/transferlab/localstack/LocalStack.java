package io.transferlab.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One Kafka broker and one S3 server shared by everything in this JVM: started on first use, stopped
 * at JVM exit. Child processes by default; Testcontainers (Kafka and MinIO images) when a Docker
 * engine answers and Testcontainers is on the classpath.
 *
 * <p>Mode: system property {@code transferlab.localstack.mode} or environment variable
 * {@code TRANSFERLAB_LOCALSTACK_MODE}: {@code auto} (default), {@code process} or {@code container}.
 */
public final class LocalStack {

    public static final String MODE_PROPERTY = "transferlab.localstack.mode";

    /** How the infrastructure runs. */
    public enum Mode { AUTO, PROCESS, CONTAINER }

    private static KafkaBroker kafka;
    private static S3Server s3;
    private static boolean hookInstalled;

    private LocalStack() {
    }

    /** The shared broker, started on first call. */
    public static synchronized KafkaBroker kafka() {
        if (kafka == null || !kafka.isRunning()) {
            if (kafka != null) {
                kafka.restart();
            } else {
                kafka = useContainers()
                        ? io.transferlab.localstack.containers.Containers.kafka()
                        : KafkaBroker.start();
                installHook();
            }
        }
        return kafka;
    }

    /** The shared S3 server, started on first call, with the bucket {@value S3Server#DEFAULT_BUCKET}. */
    public static synchronized S3Server s3() {
        if (s3 == null || !s3.isRunning()) {
            if (s3 != null) {
                s3.restart();
            } else {
                s3 = useContainers()
                        ? io.transferlab.localstack.containers.Containers.s3()
                        : S3Server.start();
                s3.createBucket(S3Server.DEFAULT_BUCKET);
                installHook();
            }
        }
        return s3;
    }

    /** The mode asked for. */
    public static Mode requestedMode() {
        String value = System.getProperty(MODE_PROPERTY, System.getenv("TRANSFERLAB_LOCALSTACK_MODE"));
        if (value == null || value.isBlank()) {
            return Mode.AUTO;
        }
        return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    /** Whether the shared instances run in containers. */
    public static boolean useContainers() {
        return switch (requestedMode()) {
            case PROCESS -> false;
            case CONTAINER -> true;
            case AUTO -> dockerAvailable();
        };
    }

    /**
     * Whether Testcontainers is on the classpath and a Docker engine answers. Looks for a socket or
     * {@code DOCKER_HOST} first, so that a machine without Docker answers at once and without
     * Testcontainers' error logging.
     */
    public static boolean dockerAvailable() {
        boolean hint = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"))
                || (System.getenv("XDG_RUNTIME_DIR") != null
                    && Files.exists(Path.of(System.getenv("XDG_RUNTIME_DIR"), "docker.sock")));
        if (!hint) {
            return false;
        }
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, LocalStack.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        try {
            return io.transferlab.localstack.containers.Containers.dockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static void installHook() {
        if (hookInstalled) {
            return;
        }
        hookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(LocalStack::stopAll, "local-stack-shutdown"));
    }

    private static void stopAll() {
        KafkaBroker k;
        S3Server s;
        synchronized (LocalStack.class) {
            k = kafka;
            s = s3;
        }
        if (k != null) {
            k.stop();
        }
        if (s != null) {
            s.stop();
        }
    }
}

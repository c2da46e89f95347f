package io.transferlab.localstack;

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
    public enum Mode {
        AUTO,
        PROCESS,
        CONTAINER
    }

    private static Infrastructure infrastructure;
    private static KafkaBroker kafka;
    private static S3Server s3;
    private static boolean hookInstalled;

    private LocalStack() {}

    /** The shared broker, started on first call. */
    public static synchronized KafkaBroker kafka() {
        if (kafka == null || !kafka.isRunning()) {
            if (kafka != null) {
                kafka.restart();
            } else {
                kafka = useContainers() ? io.transferlab.localstack.containers.Containers.kafka() : KafkaBroker.start();
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
                s3 = useContainers() ? io.transferlab.localstack.containers.Containers.s3() : S3Server.start();
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

    /** Whether the shared instances run in containers (decided once per JVM, and logged). */
    public static boolean useContainers() {
        return infrastructure().containers();
    }

    /** Where the shared instances run and why; the first call decides and logs it. */
    public static synchronized Infrastructure infrastructure() {
        if (infrastructure == null) {
            infrastructure = Infrastructure.choose(requestedMode(), DockerProbe.system());
            // Standard error, not a logger: the line must reach the console and the surefire report whatever
            // logging the test JVM has configured (none, JBoss LogManager, Quarkus), so a reader sees which path ran.
            System.err.println(infrastructure.describe());
        }
        return infrastructure;
    }

    /** Whether Testcontainers is on the classpath and a Docker engine answers. */
    public static boolean dockerAvailable() {
        DockerProbe probe = DockerProbe.system();
        return probe.testcontainersPresent() && probe.dockerAnswers();
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

package io.transferlab.localstack;

/**
 * Where the shared broker and S3 server run, and why: the answer to the requested
 * {@link LocalStack.Mode} on this machine.
 *
 * @param containers true for Testcontainers (Kafka and MinIO images), false for child processes
 * @param reason     one sentence for the log, so that a test report says which path ran
 */
public record Infrastructure(boolean containers, String reason) {

    /** Decides; {@code container} mode without Testcontainers on the classpath is a clear error. */
    public static Infrastructure choose(LocalStack.Mode mode, DockerProbe probe) {
        return switch (mode) {
            case PROCESS -> new Infrastructure(false, "mode process was asked for");
            case CONTAINER -> {
                if (!probe.testcontainersPresent()) {
                    throw new LocalStackException("Mode container needs Testcontainers on the test classpath: declare"
                            + " org.testcontainers:testcontainers-kafka and testcontainers-minio (test scope)");
                }
                yield new Infrastructure(true, "mode container was asked for");
            }
            case AUTO -> {
                if (!probe.testcontainersPresent()) {
                    yield new Infrastructure(false, "Testcontainers is not on the classpath");
                }
                yield probe.dockerAnswers()
                        ? new Infrastructure(true, "a Docker engine answers")
                        : new Infrastructure(false, "no Docker engine answers");
            }
        };
    }

    /** The log line: which path runs, with what, and why. */
    public String describe() {
        return containers
                ? "local-stack: Kafka and S3 run in containers ("
                        + io.transferlab.localstack.containers.Containers.images() + ") because " + reason
                : "local-stack: Kafka (KRaft) and S3 (S3Proxy) run as child processes because " + reason;
    }
}

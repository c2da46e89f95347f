package io.transferlab.localstack.containers;

import io.transferlab.localstack.KafkaBroker;
import io.transferlab.localstack.S3Server;
import org.testcontainers.DockerClientFactory;

/**
 * The Testcontainers path of {@link io.transferlab.localstack.LocalStack}: only loaded when
 * Testcontainers is on the classpath. Images: system properties
 * {@code transferlab.localstack.kafka-image} and {@code transferlab.localstack.minio-image}.
 */
public final class Containers {

    static final String KAFKA_IMAGE = System.getProperty("transferlab.localstack.kafka-image", "apache/kafka:4.1.2");
    /**
     * MinIO's own registry: Docker Hub's {@code minio/minio} was removed in 2026, quay.io still serves the
     * community releases; this is the last multi-arch one.
     */
    static final String MINIO_IMAGE = System.getProperty(
            "transferlab.localstack.minio-image", "quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z");

    private Containers() {}

    /** The two images, for the log line. */
    public static String images() {
        return KAFKA_IMAGE + ", " + MINIO_IMAGE;
    }

    public static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    public static KafkaBroker kafka() {
        return KafkaContainerBroker.start(KAFKA_IMAGE);
    }

    public static S3Server s3() {
        return MinioContainerServer.start(MINIO_IMAGE);
    }
}

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
    static final String MINIO_IMAGE = System.getProperty("transferlab.localstack.minio-image",
            "minio/minio:RELEASE.2025-04-22T22-12-26Z");

    private Containers() {
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

package io.transferlab.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.transferlab.localstack.quarkus.KafkaTestResource;
import io.transferlab.localstack.quarkus.S3TestResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackTest {

    @Test
    void sharesOneBrokerAndOneS3ServerPerJvm() {
        KafkaBroker kafka = LocalStack.kafka();
        S3Server s3 = LocalStack.s3();

        assertThat(LocalStack.kafka()).isSameAs(kafka);
        assertThat(LocalStack.s3()).isSameAs(s3);
        assertThat(kafka.isRunning()).isTrue();
        assertThat(s3.isRunning()).isTrue();
    }

    @Test
    void theSharedStackRunsWhereTheChoiceSays() {
        if (LocalStack.useContainers()) {
            assertThat(LocalStack.kafka().getClass().getPackageName()).endsWith(".containers");
            assertThat(LocalStack.s3().getClass().getPackageName()).endsWith(".containers");
        } else {
            assertThat(LocalStack.kafka()).isInstanceOf(KafkaProcess.class);
            assertThat(LocalStack.kafka().pid()).isPositive();
            assertThat(LocalStack.s3()).isInstanceOf(S3ProxyProcess.class);
        }
    }

    @Test
    void quarkusResourcesPointAtTheSharedStack() throws Exception {
        Map<String, String> kafkaConfig = new KafkaTestResource().start();
        S3TestResource s3Resource = new S3TestResource();
        s3Resource.init(Map.of("bucket", "other-bucket"));
        Map<String, String> s3Config = s3Resource.start();

        assertThat(kafkaConfig)
                .containsEntry("kafka.bootstrap.servers", LocalStack.kafka().bootstrapServers());
        assertThat(s3Config)
                .containsEntry("transferlab.s3.endpoint", LocalStack.s3().endpoint())
                .containsEntry("transferlab.s3.access-key", LocalStack.s3().accessKey())
                .containsEntry("transferlab.s3.secret-key", LocalStack.s3().secretKey())
                .containsEntry("transferlab.s3.bucket", "other-bucket");
        MinioClient client = MinioClient.builder()
                .endpoint(s3Config.get("transferlab.s3.endpoint"))
                .credentials(s3Config.get("transferlab.s3.access-key"), s3Config.get("transferlab.s3.secret-key"))
                .region(S3Server.REGION)
                .build();
        assertThat(client.bucketExists(
                        BucketExistsArgs.builder().bucket("other-bucket").build()))
                .isTrue();
        assertThat(client.bucketExists(BucketExistsArgs.builder()
                        .bucket(S3Server.DEFAULT_BUCKET)
                        .build()))
                .isTrue();
    }

    @Test
    void aTakenFixedPortIsAClearError() throws Exception {
        try (var socket = new java.net.ServerSocket(0)) {
            int port = socket.getLocalPort();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> S3Server.builder().port(port).start())
                    .isInstanceOf(Ports.PortInUseException.class)
                    .hasMessageContaining("Port " + port);
        }
    }
}

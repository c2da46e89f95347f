package io.transferlab.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class S3ServerTest {

    private static final String BUCKET = "it-bucket";

    private static S3ProxyProcess server;
    private static MinioClient client;

    @BeforeAll
    static void startServer() {
        server = S3Server.builder().start();
        server.createBucket(BUCKET);
        client = MinioClient.builder()
                .endpoint(server.endpoint())
                .credentials(server.accessKey(), server.secretKey())
                .region(S3Server.REGION)
                .build();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Test
    void createBucketIsIdempotentAndVisibleToTheSdk() throws Exception {
        server.createBucket(BUCKET);

        assertThat(client.bucketExists(BucketExistsArgs.builder().bucket(BUCKET).build()))
                .isTrue();
        assertThat(client.bucketExists(
                        BucketExistsArgs.builder().bucket("absent").build()))
                .isFalse();
    }

    @Test
    void smallObjectRoundTripsWithV4Signatures() throws Exception {
        byte[] data = "hello transferlab".getBytes();
        put("small.txt", data, -1);

        assertThat(get("small.txt")).isEqualTo(data);
    }

    @Test
    void multipartUploadOfTwelveMebibytesRoundTrips() throws Exception {
        byte[] data = new byte[12 * 1024 * 1024 + 123];
        new Random(7).nextBytes(data);
        // unknown size: the SDK must upload in 5 MiB parts
        put("big/blob.bin", data, 5 * 1024 * 1024);

        assertThat(client.statObject(StatObjectArgs.builder()
                                .bucket(BUCKET)
                                .object("big/blob.bin")
                                .build())
                        .size())
                .isEqualTo(data.length);
        assertThat(sha256(get("big/blob.bin"))).isEqualTo(sha256(data));
    }

    @Test
    void wrongSecretIsRejected() {
        MinioClient intruder = MinioClient.builder()
                .endpoint(server.endpoint())
                .credentials(server.accessKey(), "wrong-secret")
                .region(S3Server.REGION)
                .build();

        assertThatThrownBy(() -> intruder.getObject(GetObjectArgs.builder()
                        .bucket(BUCKET)
                        .object("small.txt")
                        .build()))
                .isInstanceOf(ErrorResponseException.class);
    }

    @Test
    void theSecretKeyIsInNoFileTheServerWrites() throws Exception {
        List<Path> files;
        try (var walk = Files.walk(server.blobDirectory().getParent())) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("s3proxy.properties");
        for (Path file : files) {
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                    .as(file.toString())
                    .doesNotContain(server.secretKey());
        }
    }

    @Test
    void restartAndKillKeepTheData() throws Exception {
        byte[] data = "survives restarts".getBytes();
        put("durable.txt", data, -1);
        long pid = server.pid();

        server.restart();
        assertThat(server.pid()).isNotEqualTo(pid);
        assertThat(get("durable.txt")).isEqualTo(data);

        server.kill();
        assertThat(server.isRunning()).isFalse();
        assertThat(Ports.isListening(server.port())).isFalse();
        server.restart();
        assertThat(get("durable.txt")).isEqualTo(data);
    }

    private static void put(String object, byte[] data, long partSize) throws Exception {
        long size = partSize > 0 ? -1 : data.length;
        client.putObject(PutObjectArgs.builder().bucket(BUCKET).object(object).stream(
                        new ByteArrayInputStream(data), size, partSize)
                .build());
    }

    private static byte[] get(String object) throws Exception {
        try (InputStream in = client.getObject(
                GetObjectArgs.builder().bucket(BUCKET).object(object).build())) {
            return in.readAllBytes();
        }
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}

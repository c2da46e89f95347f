package io.transferlab.trainer.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.transferlab.localstack.S3Server;
import io.transferlab.trainer.engine.data.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dedicated S3 server killed in the middle of uploads: retries with backoff, then a retryable failure. */
class ObjectStoreOutageTest {
    private static S3Server s3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        s3 = S3Server.start();
        s3.createBucket(S3Server.DEFAULT_BUCKET);
    }

    @AfterAll
    static void stop() {
        s3.stop();
    }

    private static ObjectStore store(Duration retryFor) {
        return new ObjectStore(new ObjectStoreSettings(
                s3.endpoint(), s3.accessKey(), s3.secretKey(), S3Server.DEFAULT_BUCKET, S3Server.REGION, retryFor));
    }

    private Path bigFile() throws IOException {
        byte[] data = new byte[24 * 1024 * 1024];
        new Random(11).nextBytes(data);
        return Files.write(tmp.resolve("big.ckpt"), data);
    }

    @Test
    void anUploadInterruptedByAnOutageIsRetriedUntilTheStoreIsBackAndTheObjectIsWhole() throws Exception {
        ObjectStore objects = store(Duration.ofSeconds(60));
        Path file = bigFile();
        String key = "experiments/outage/jobs/j1/epoch-0001.ckpt";

        CompletableFuture<StoredObject> upload = CompletableFuture.supplyAsync(() -> objects.upload(key, file));
        s3.kill();
        await().atMost(Duration.ofSeconds(30)).until(() -> objects.retries() > 0);
        assertThat(upload).isNotDone();
        s3.restart();

        StoredObject stored = upload.get();
        assertThat(stored.sha256()).isEqualTo(Digests.sha256(file));
        Path back = tmp.resolve("back.ckpt");
        assertThat(objects.download(S3Server.DEFAULT_BUCKET, key, back, stored.sha256()))
                .isEqualTo(stored.sha256());
        assertThat(Files.mismatch(back, file)).isEqualTo(-1L);
    }

    @Test
    void anOutageLongerThanTheRetryWindowFailsRetryablyAndLeavesNoObject() throws Exception {
        ObjectStore objects = store(Duration.ofSeconds(2));
        Path file = bigFile();
        String key = "experiments/outage/jobs/j2/epoch-0001.ckpt";
        s3.kill();
        try {
            assertThatThrownBy(() -> objects.upload(key, file))
                    .isInstanceOf(ObjectStoreUnavailableException.class)
                    .hasMessageContaining("still failing after 2s");
            assertThat(objects.retries()).isPositive();
        } finally {
            s3.restart();
        }
        assertThat(store(Duration.ofSeconds(10)).stat(S3Server.DEFAULT_BUCKET, key))
                .isEmpty();
    }
}

package io.transferlab.trainer.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.MinioClient;
import io.minio.UploadObjectArgs;
import io.transferlab.contracts.model.CheckpointRef;
import io.transferlab.contracts.model.DatasetSpec;
import io.transferlab.localstack.LocalStack;
import io.transferlab.localstack.S3Server;
import io.transferlab.trainer.engine.data.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints and inputs against a real S3 server (S3Proxy): layout, digests, multipart, retention, caches. */
class CheckpointStoreTest {
    private static S3Server s3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startS3() {
        s3 = LocalStack.s3();
    }

    private static ObjectStore store(String bucket) {
        return new ObjectStore(new ObjectStoreSettings(
                s3.endpoint(), s3.accessKey(), s3.secretKey(), bucket, S3Server.REGION, Duration.ofSeconds(5)));
    }

    private Path randomFile(String name, int bytes, long seed) throws IOException {
        byte[] data = new byte[bytes];
        new Random(seed).nextBytes(data);
        return Files.write(tmp.resolve(name), data);
    }

    /** Writes an object whose metadata claims a digest its bytes do not have, bypassing ObjectStore. */
    private static void putWithClaimedDigest(String key, Path file, String claimedSha256) {
        try {
            MinioClient client = MinioClient.builder()
                    .endpoint(s3.endpoint())
                    .credentials(s3.accessKey(), s3.secretKey())
                    .region(S3Server.REGION)
                    .build();
            client.uploadObject(UploadObjectArgs.builder()
                    .bucket(S3Server.DEFAULT_BUCKET)
                    .object(key)
                    .filename(file.toString())
                    .userMetadata(Map.of(ObjectStore.SHA256_METADATA, claimedSha256))
                    .build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putWithoutDigest(String key, Path file) {
        try {
            MinioClient client = MinioClient.builder()
                    .endpoint(s3.endpoint())
                    .credentials(s3.accessKey(), s3.secretKey())
                    .region(S3Server.REGION)
                    .build();
            client.uploadObject(UploadObjectArgs.builder()
                    .bucket(S3Server.DEFAULT_BUCKET)
                    .object(key)
                    .filename(file.toString())
                    .build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void createsAMissingBucketAndStoresCheckpointsUnderTheDocumentedLayoutWithTheirDigest() throws IOException {
        ObjectStore objects = store("fresh-" + UUID.randomUUID().toString().substring(0, 8));
        objects.ensureBucket();
        objects.ensureBucket();
        CheckpointStore checkpoints = new CheckpointStore(objects);
        Path small = randomFile("small.ckpt", 300_000, 1);
        Path big = randomFile("big.ckpt", 12 * 1024 * 1024 + 17, 2);

        StoredObject epoch = checkpoints.uploadEpoch("exp1", "exp1.base.n0.-A.s0", 3, small);
        StoredObject last = checkpoints.uploadFinal("exp1", "exp1.base.n0.-A.s0", 1, big);

        assertThat(epoch.key()).isEqualTo("experiments/exp1/jobs/exp1.base.n0.-A.s0/epoch-0003.ckpt");
        assertThat(last.uri())
                .isEqualTo("s3://" + objects.bucket() + "/experiments/exp1/jobs/exp1.base.n0.-A.s0/attempt-1/final-"
                        + Digests.sha256(big).substring(0, 16) + ".ckpt");
        assertThat(last.sizeBytes()).isEqualTo(Files.size(big));
        assertThat(last.sha256()).isEqualTo(Digests.sha256(big));
        // The digest travels with the object (multipart upload included) and is checked on the way back.
        assertThat(objects.stat(objects.bucket(), last.key()))
                .get()
                .extracting(StoredObject::sha256, StoredObject::sizeBytes)
                .containsExactly(Digests.sha256(big), Files.size(big));
        Path back = tmp.resolve("back.ckpt");
        assertThat(objects.download(objects.bucket(), last.key(), back, null)).isEqualTo(Digests.sha256(big));
        assertThat(Files.mismatch(back, big)).isEqualTo(-1L);
    }

    @Test
    void retentionKeepsTheLastKEpochCheckpointsAndTheFinalOneAndDeletesTheRestForReal() throws IOException {
        ObjectStore objects = store(S3Server.DEFAULT_BUCKET);
        CheckpointStore checkpoints = new CheckpointStore(objects);
        String job = "exp-ret." + UUID.randomUUID();
        Path file = randomFile("c.ckpt", 1000, 3);
        for (int epoch = 1; epoch <= 5; epoch++) {
            checkpoints.uploadEpoch("exp-ret", job, epoch, file);
        }
        StoredObject last = checkpoints.uploadFinal("exp-ret", job, 1, file);

        assertThat(checkpoints.applyRetention("exp-ret", job, 2)).hasSize(3);

        assertThat(checkpoints.epochCheckpoints("exp-ret", job))
                .extracting(CheckpointStore.EpochCheckpoint::epoch)
                .containsExactly(4, 5);
        assertThat(objects.list(objects.bucket(), CheckpointStore.jobPrefix("exp-ret", job)))
                .extracting(StoredObject::key)
                .containsExactlyInAnyOrder(
                        CheckpointStore.epochKey("exp-ret", job, 4),
                        CheckpointStore.epochKey("exp-ret", job, 5),
                        last.key());
        assertThat(objects.stat(objects.bucket(), CheckpointStore.epochKey("exp-ret", job, 1)))
                .isEmpty();
    }

    @Test
    void resumeTakesTheNewestEpochCheckpointThatVerifiesAndSkipsACorruptOne() throws IOException {
        ObjectStore objects = store(S3Server.DEFAULT_BUCKET);
        CheckpointStore checkpoints = new CheckpointStore(objects);
        String job = "exp-res." + UUID.randomUUID();
        Path good = randomFile("good.ckpt", 2000, 4);
        checkpoints.uploadEpoch("exp-res", job, 1, good);
        checkpoints.uploadEpoch("exp-res", job, 2, good);
        // Epoch 3's object claims the digest of other bytes, as a torn or tampered write would.
        Path other = randomFile("other.ckpt", 2000, 5);
        StoredObject third = checkpoints.uploadEpoch("exp-res", job, 3, other);
        Files.write(other, "not the bytes that were hashed".getBytes(StandardCharsets.UTF_8));
        putWithClaimedDigest(third.key(), other, Digests.sha256(good));

        var resumed = checkpoints.latestVerifiedEpoch("exp-res", job, tmp.resolve("resume"));

        assertThat(resumed)
                .get()
                .extracting(CheckpointStore.LocalCheckpoint::epoch)
                .isEqualTo(2);
        assertThat(Files.mismatch(resumed.get().file(), good)).isEqualTo(-1L);
    }

    @Test
    void baseCheckpointsAreDownloadedOnceAndCachedByDigestAndAMismatchIsRefused() throws IOException {
        ObjectStore objects = store(S3Server.DEFAULT_BUCKET);
        Path base = randomFile("base.ckpt", 50_000, 6);
        StoredObject stored =
                new CheckpointStore(objects).uploadFinal("exp-cache", "exp-cache." + UUID.randomUUID(), 1, base);
        InputCache cache = new InputCache(objects, tmp.resolve("work"), tmp.resolve("data"));

        Path first = cache.checkpoint(new CheckpointRef("b", stored.uri(), stored.sha256()));
        objects.delete(stored.key());
        Path second = cache.checkpoint(new CheckpointRef("b", stored.uri(), stored.sha256()));

        assertThat(second).isEqualTo(first).hasFileName(stored.sha256() + ".ckpt");
        assertThat(Files.mismatch(second, base)).isEqualTo(-1L);
        StoredObject again = new CheckpointStore(objects).uploadFinal("exp-cache", "x." + UUID.randomUUID(), 1, base);
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> cache.checkpoint(new CheckpointRef("b", again.uri(), wrong)))
                .isInstanceOf(CorruptObjectException.class)
                .hasMessageContaining("SHA-256");
    }

    @Test
    void datasetsFromTheObjectStoreAreMirroredAndVerified() throws IOException {
        ObjectStore objects = store(S3Server.DEFAULT_BUCKET);
        String prefix = "datasets/" + UUID.randomUUID() + "/fashion";
        Path a = randomFile("train-images", 70_000, 7);
        Path b = randomFile("train-labels", 1_000, 8);
        objects.upload(prefix + "/train-images", a);
        objects.upload(prefix + "/sub/train-labels", b);
        InputCache cache = new InputCache(objects, tmp.resolve("work"), tmp.resolve("data"));

        Path root = cache.dataset(new DatasetSpec("folder", "s3://" + objects.bucket() + "/" + prefix, 2));

        assertThat(Files.mismatch(root.resolve("train-images"), a)).isEqualTo(-1L);
        assertThat(Files.mismatch(root.resolve("sub/train-labels"), b)).isEqualTo(-1L);
        // A file put there by hand, without a stored SHA-256, is verified against its ETag (MD5).
        Path manual = randomFile("t10k-images", 5_000, 9);
        putWithoutDigest(prefix + "/t10k-images", manual);
        Path again = cache.dataset(new DatasetSpec("folder", "s3://" + objects.bucket() + "/" + prefix, 2));
        assertThat(again).isEqualTo(root);
        assertThat(Files.mismatch(root.resolve("t10k-images"), manual)).isEqualTo(-1L);
        assertThat(cache.dataset(new DatasetSpec("fashion-mnist", null, null)))
                .isEqualTo(tmp.resolve("data").resolve("fashion-mnist"));
    }
}

package io.transferlab.trainer.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InsufficientDataException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.messages.Item;
import io.transferlab.trainer.engine.data.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The object store through the MinIO Java SDK (any S3 API). Every call has timeouts and is retried
 * with backoff for the configured window (SmallRye Fault Tolerance, see StoreRetries). Uploads carry the SHA-256 of their bytes as user metadata
 * ({@code x-amz-meta-sha256}) and are confirmed with a HEAD before they count as stored; downloads
 * are hashed while they stream and only land at their destination when the digest matches.
 */
public class ObjectStore {
    /** S3's smallest part: anything bigger goes up as a multipart upload. */
    public static final long PART_SIZE = 5L * 1024 * 1024;

    public static final String SHA256_METADATA = "sha256";

    private static final Set<String> TRANSIENT_CODES = Set.of(
            "InternalError",
            "ServiceUnavailable",
            "SlowDown",
            "RequestTimeout",
            "RequestTimeTooSkewed",
            "OperationAborted");

    private final MinioClient client;
    private final String bucket;
    private final StoreRetries storeRetries;

    public ObjectStore(ObjectStoreSettings settings) {
        MinioClient.Builder builder =
                MinioClient.builder().endpoint(settings.endpoint()).region(settings.region());
        if (settings.accessKey() != null && settings.secretKey() != null) {
            builder.credentials(settings.accessKey(), settings.secretKey());
        }
        this.client = builder.build();
        this.client.setTimeout(
                TimeUnit.SECONDS.toMillis(5), TimeUnit.SECONDS.toMillis(60), TimeUnit.SECONDS.toMillis(60));
        this.bucket = settings.bucket();
        this.storeRetries = new StoreRetries(settings.retryFor(), ObjectStore::isTransient);
    }

    public String bucket() {
        return bucket;
    }

    /** Calls retried so far because the store failed (for tests and diagnostics). */
    public long retries() {
        return storeRetries.retries();
    }

    /** Creates the bucket if it is missing. */
    public void ensureBucket() {
        storeRetries.call("create bucket " + bucket, () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                try {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                } catch (ErrorResponseException e) {
                    String code = e.errorResponse().code();
                    if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    /** One quick call without retries, for the readiness check. */
    public void ping() throws Exception {
        client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
    }

    /** Uploads a file (multipart above {@link #PART_SIZE}) and returns it once the store confirms it. */
    public StoredObject upload(String key, Path file) {
        String sha256 = Digests.sha256(file);
        long size = size(file);
        return storeRetries.call("upload " + key, () -> {
            client.uploadObject(UploadObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .filename(file.toString(), PART_SIZE)
                    .contentType("application/octet-stream")
                    .userMetadata(Map.of(SHA256_METADATA, sha256))
                    .build());
            StatObjectResponse stat = client.statObject(
                    StatObjectArgs.builder().bucket(bucket).object(key).build());
            if (stat.size() != size) {
                throw new IOException("store holds " + stat.size() + " bytes of " + key + ", uploaded " + size);
            }
            return new StoredObject(bucket, key, size, sha256);
        });
    }

    /**
     * Uploads a file unless the key already holds an object, which is then returned untouched: a key
     * written this way never changes its bytes once a digest was handed out for it. (Check then write: two
     * writers racing within one round trip could both write; the trainer never runs one attempt twice at
     * once, see TrainingService.)
     */
    public StoredObject uploadOnce(String key, Path file) {
        return stat(bucket, key).orElseGet(() -> upload(key, file));
    }

    /** Size and stored SHA-256 of an object, or empty when it does not exist. */
    public Optional<StoredObject> stat(String bucketName, String key) {
        return storeRetries.call("stat " + key, () -> {
            try {
                StatObjectResponse stat = client.statObject(
                        StatObjectArgs.builder().bucket(bucketName).object(key).build());
                return Optional.of(new StoredObject(bucketName, key, stat.size(), metadataSha(stat.userMetadata())));
            } catch (ErrorResponseException e) {
                if (isNotFound(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** Keys and sizes under a prefix (recursively); the SHA-256 fields are null (a listing does not carry them). */
    public List<StoredObject> list(String bucketName, String prefix) {
        return storeRetries.call("list " + prefix, () -> {
            List<StoredObject> objects = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(bucketName)
                    .prefix(prefix)
                    .recursive(true)
                    .build())) {
                Item item = result.get();
                if (!item.isDir()) {
                    objects.add(new StoredObject(bucketName, item.objectName(), item.size(), null));
                }
            }
            return objects;
        });
    }

    public void delete(String key) {
        storeRetries.call("delete " + key, () -> {
            client.removeObject(
                    RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    /**
     * Downloads an object to {@code target}, hashing it on the way. The expected digest is
     * {@code expectedSha256} when given, else the one stored with the object; a mismatch is tried once
     * more (a bad transfer) and then reported as {@link CorruptObjectException}. Returns the digest.
     */
    public String download(String bucketName, String key, Path target, String expectedSha256) {
        return download(bucketName, key, target, expectedSha256, false);
    }

    /**
     * As {@link #download(String, String, Path, String)}; with {@code etagFallback}, an object stored
     * without a SHA-256 (a dataset file put there by hand) is verified against its ETag, which is the
     * MD5 of the bytes for single-part uploads, and failing that against its size.
     */
    public String download(String bucketName, String key, Path target, String expectedSha256, boolean etagFallback) {
        CorruptObjectException mismatch = null;
        for (int round = 0; round < 2; round++) {
            try {
                return downloadOnce(bucketName, key, target, expectedSha256, etagFallback);
            } catch (CorruptObjectException e) {
                mismatch = e;
            }
        }
        throw mismatch;
    }

    private String downloadOnce(
            String bucketName, String key, Path target, String expectedSha256, boolean etagFallback) {
        String uri = S3Uri.of(bucketName, key).toString();
        return storeRetries.call("download " + key, () -> {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            MessageDigest digest = Digests.sha256();
            MessageDigest md5 = Digests.md5();
            String stored;
            String etag;
            String length;
            try (GetObjectResponse response = get(bucketName, key);
                    InputStream in = new DigestInputStream(new DigestInputStream(response, digest), md5);
                    OutputStream out = Files.newOutputStream(partial)) {
                stored = response.headers().get("x-amz-meta-" + SHA256_METADATA);
                etag = response.headers().get("ETag");
                length = response.headers().get("Content-Length");
                in.transferTo(out);
            }
            String actual = Digests.hex(digest.digest());
            String expected = expectedSha256 != null ? expectedSha256 : stored;
            if (expected == null && etagFallback) {
                verifyWithoutSha(uri, partial, etag, length, Digests.hex(md5.digest()));
                expected = actual;
            }
            if (expected == null) {
                Files.deleteIfExists(partial);
                throw new CorruptObjectException(uri + " has no SHA-256 to verify it against");
            }
            if (!expected.equalsIgnoreCase(actual)) {
                Files.deleteIfExists(partial);
                throw new CorruptObjectException("SHA-256 of " + uri + " is " + actual + ", expected " + expected);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return actual;
        });
    }

    private static void verifyWithoutSha(String uri, Path partial, String etag, String length, String md5)
            throws IOException {
        String plainEtag = etag == null ? "" : etag.replace("\"", "");
        boolean md5Etag = plainEtag.matches("[0-9a-fA-F]{32}");
        boolean bad = md5Etag
                ? !plainEtag.equalsIgnoreCase(md5)
                : length != null && Long.parseLong(length) != Files.size(partial);
        if (bad) {
            Files.deleteIfExists(partial);
            throw new CorruptObjectException(uri + " does not match its " + (md5Etag ? "ETag (MD5)" : "size"));
        }
    }

    private GetObjectResponse get(String bucketName, String key) throws Exception {
        try {
            return client.getObject(
                    GetObjectArgs.builder().bucket(bucketName).object(key).build());
        } catch (ErrorResponseException e) {
            if (isNotFound(e)) {
                throw new ObjectMissingException(S3Uri.of(bucketName, key) + " does not exist");
            }
            throw e;
        }
    }

    private static String metadataSha(Map<String, String> userMetadata) {
        for (Map.Entry<String, String> entry : userMetadata.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(SHA256_METADATA)
                    || entry.getKey().equalsIgnoreCase("x-amz-meta-" + SHA256_METADATA)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static boolean isNotFound(ErrorResponseException e) {
        String code = e.errorResponse() == null ? null : e.errorResponse().code();
        return "NoSuchKey".equals(code)
                || "NoSuchObject".equals(code)
                || "NoSuchBucket".equals(code)
                || (e.response() != null && e.response().code() == 404);
    }

    static boolean isTransient(Exception e) {
        if (e instanceof ErrorResponseException ere) {
            String code =
                    ere.errorResponse() == null ? null : ere.errorResponse().code();
            return TRANSIENT_CODES.contains(code)
                    || (ere.response() != null && ere.response().code() >= 500);
        }
        return e instanceof IOException
                || e instanceof UncheckedIOException
                || e instanceof ServerException
                || e instanceof InvalidResponseException
                || e instanceof InsufficientDataException;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

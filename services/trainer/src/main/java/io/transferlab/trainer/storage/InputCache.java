package io.transferlab.trainer.storage;

import io.transferlab.contracts.model.CheckpointRef;
import io.transferlab.contracts.model.DatasetSpec;
import io.transferlab.trainer.engine.data.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jboss.logging.Logger;

/**
 * Local copies of what jobs read from the object store. Base checkpoints are downloaded once per
 * trainer and kept by digest ({@code <work-dir>/cache/checkpoints/<sha256>.ckpt}); a cached file is
 * hashed again before each use. Datasets from {@code s3://bucket/prefix} are mirrored under
 * {@code <work-dir>/cache/datasets/<bucket>/<prefix>}, each file verified on download, and fetched
 * again only when a file is missing locally or its size in the store changes.
 */
public class InputCache {
    private static final Logger LOG = Logger.getLogger(InputCache.class);
    private static final String MANIFEST = ".transferlab-manifest";

    private final ObjectStore store;
    private final Path cacheDir;
    private final Path dataDir;
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    public InputCache(ObjectStore store, Path workDir, Path dataDir) {
        this.store = store;
        this.cacheDir = workDir.resolve("cache");
        this.dataDir = dataDir;
    }

    /** The verified local file of a base checkpoint, downloaded on first use. */
    public Path checkpoint(CheckpointRef ref) {
        if (!ref.sha256().matches("[0-9a-fA-F]{64}")) {
            throw new CorruptObjectException("checkpoint " + ref.uri() + " has no valid SHA-256: " + ref.sha256());
        }
        String sha = ref.sha256().toLowerCase();
        Path file = cacheDir.resolve("checkpoints").resolve(sha + ".ckpt");
        synchronized (locks.computeIfAbsent("ckpt:" + sha, k -> new Object())) {
            if (Files.isRegularFile(file)) {
                if (Digests.sha256(file).equals(sha)) {
                    return file;
                }
                LOG.warnf("cached checkpoint %s is damaged, downloading it again", file);
            }
            S3Uri uri = S3Uri.parse(ref.uri());
            store.download(uri.bucket(), uri.key(), file, sha);
            return file;
        }
    }

    /** The local folder holding a dataset's files. */
    public Path dataset(DatasetSpec dataset) {
        String location = dataset.location();
        if (location == null || location.isBlank()) {
            return dataDir.resolve(dataset.name());
        }
        if (!S3Uri.isS3(location)) {
            return Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
        }
        S3Uri uri = S3Uri.parse(location);
        String prefix = uri.key().isEmpty() || uri.key().endsWith("/") ? uri.key() : uri.key() + "/";
        Path folder = cacheDir.resolve("datasets").resolve(uri.bucket()).resolve(prefix.isEmpty() ? "_root" : prefix);
        synchronized (locks.computeIfAbsent("data:" + location, k -> new Object())) {
            mirror(uri.bucket(), prefix, folder);
            return folder;
        }
    }

    private void mirror(String bucket, String prefix, Path folder) {
        List<StoredObject> objects = store.list(bucket, prefix);
        if (objects.isEmpty()) {
            throw new ObjectMissingException("no dataset files under " + S3Uri.of(bucket, prefix));
        }
        try {
            Files.createDirectories(folder);
            Properties manifest = new Properties();
            Path manifestFile = folder.resolve(MANIFEST);
            if (Files.isRegularFile(manifestFile)) {
                try (var in = Files.newInputStream(manifestFile)) {
                    manifest.load(in);
                }
            }
            for (StoredObject object : objects) {
                String relative = object.key().substring(prefix.length());
                Path local = folder.resolve(relative).normalize();
                if (!local.startsWith(folder)) {
                    throw new CorruptObjectException("dataset object escapes its folder: " + object.key());
                }
                String stamp = String.valueOf(object.sizeBytes());
                if (stamp.equals(manifest.getProperty(relative))
                        && Files.isRegularFile(local)
                        && Files.size(local) == object.sizeBytes()) {
                    continue;
                }
                store.download(bucket, object.key(), local, null, true);
                manifest.setProperty(relative, stamp);
                try (var out = Files.newOutputStream(manifestFile)) {
                    manifest.store(out, "dataset files verified on download (name = size)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cache dataset " + S3Uri.of(bucket, prefix), e);
        }
    }
}

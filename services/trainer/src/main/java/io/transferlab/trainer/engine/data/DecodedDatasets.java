package io.transferlab.trainer.engine.data;

import io.transferlab.contracts.catalog.ImageShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Decoded datasets kept across the jobs of one trainer, so that only the first job of an experiment reads and
 * decodes the files. An entry is found by the dataset's name, folder, class count and image shape together with
 * the path, size and modification time of every file under the folder: a file that changes makes a new entry
 * (decoded and digested again), never a stale hit. The entry holds the {@link LabeledDataset} with its content
 * digest, which checkpoints record. Callers must not modify the arrays of a returned dataset (nothing in the
 * engine does: normalisation and splits copy). The least recently used entries beyond the capacity are dropped.
 */
public final class DecodedDatasets {
    /** How deep file stamps look: folder datasets keep one folder per class under train/ and test/. */
    private static final int STAMP_DEPTH = 4;

    private final int capacity;
    private final Map<Key, LabeledDataset> entries = new LinkedHashMap<>(4, 0.75f, true);
    private long decodes;

    /** @param capacity datasets kept at once (a Fashion-MNIST entry holds about 220 MB of floats) */
    public DecodedDatasets(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** As {@link Datasets#load(String, Path, Integer, ImageShape)}, decoding only on the first call for these files. */
    public synchronized LabeledDataset load(String name, Path root, Integer numClassesHint, ImageShape folderShape) {
        Path dir = (root != null ? root : Datasets.defaultRoot(name))
                .toAbsolutePath()
                .normalize();
        // the shape resizes folder images only: built-in datasets are the same for every architecture
        ImageShape shape = Datasets.isFolder(name) ? folderShape : null;
        Key key = new Key(name, dir, numClassesHint, shape, stamps(dir));
        LabeledDataset cached = entries.get(key);
        if (cached != null) {
            return cached;
        }
        LabeledDataset loaded = Datasets.load(name, dir, numClassesHint, folderShape);
        decodes++;
        entries.put(key, loaded);
        Iterator<Key> oldest = entries.keySet().iterator();
        while (entries.size() > capacity) {
            oldest.next();
            oldest.remove();
        }
        return loaded;
    }

    /** How many times a dataset was read and decoded (not served from memory). */
    public synchronized long decodes() {
        return decodes;
    }

    private static List<String> stamps(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir, STAMP_DEPTH)) {
            return files.filter(Files::isRegularFile)
                    .sorted()
                    .map(f -> stamp(dir, f))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of("unreadable:" + System.nanoTime());
        }
    }

    private static String stamp(Path dir, Path file) {
        try {
            return dir.relativize(file) + "|" + Files.size(file) + "|"
                    + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Key(String name, Path dir, Integer numClasses, ImageShape shape, List<String> stamps) {}
}

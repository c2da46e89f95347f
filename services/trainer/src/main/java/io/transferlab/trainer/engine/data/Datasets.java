package io.transferlab.trainer.engine.data;

import static io.transferlab.contracts.catalog.DatasetCatalog.CIFAR10;
import static io.transferlab.contracts.catalog.DatasetCatalog.CIFAR100;
import static io.transferlab.contracts.catalog.DatasetCatalog.CIFAR10_CLASSES;
import static io.transferlab.contracts.catalog.DatasetCatalog.FASHION_MNIST;
import static io.transferlab.contracts.catalog.DatasetCatalog.FASHION_MNIST_CLASSES;
import static io.transferlab.contracts.catalog.DatasetCatalog.FOLDER;
import static io.transferlab.contracts.catalog.DatasetCatalog.MNIST;
import static io.transferlab.contracts.catalog.DatasetCatalog.MNIST_CLASSES;

import io.transferlab.contracts.catalog.Cifar100Classes;
import io.transferlab.contracts.catalog.DatasetCatalog;
import io.transferlab.contracts.catalog.ImageShape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Loads the datasets a request can name: {@code fashion-mnist}, {@code mnist}, {@code cifar10},
 * {@code cifar100} and {@code folder}, from a local folder, verifying every file.
 *
 * <p>Expected files: for MNIST and Fashion-MNIST {@code train-images-idx3-ubyte}, {@code
 * train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each
 * raw or gzip-compressed with or without a {@code .gz} suffix (the dotted {@code train-images.idx3-ubyte}
 * spelling also works); for CIFAR-10 {@code data_batch_1.bin}..{@code data_batch_5.bin} and
 * {@code test_batch.bin}; for CIFAR-100 {@code train.bin} and {@code test.bin} (fine labels are the
 * classes; coarse labels are checked against {@link Cifar100Classes}). The CIFAR files may sit in
 * the root or in the archive's own sub-folder ({@code cifar-10-batches-bin/}, {@code cifar-100-binary/}).
 * Folder datasets are described in {@link ImageFolderReader}'s terms: {@code train/} and {@code test/}
 * sub-folders, or one folder per class with a fixed-seed 20% test share.
 *
 * <p>The digest is the SHA-256 (hex) of the dataset name and, for each file in a fixed order, its
 * name, size and the SHA-256 of its stored bytes. Those hashes are computed on the bytes as they are
 * read, so the digest costs no extra pass over the data.
 */
public final class Datasets {

    private static final DatasetCatalog CATALOG = DatasetCatalog.STANDARD;

    /** Where Debian's {@code dataset-*} packages put datasets (the trainer's default data dir). */
    public static final Path DEFAULT_DATA_DIR = Path.of("/usr/share/datasets");

    private static final int CIFAR10_TRAIN_BATCHES = 5;

    private Datasets() {}

    /** Loads a named dataset from a local folder ({@code null} = its default root); folder images become 32x32 RGB. */
    public static LabeledDataset load(String name, Path root, Integer numClassesHint) {
        return load(name, root, numClassesHint, ImageShape.COLOR_32);
    }

    /**
     * Loads a named dataset from a local folder and verifies its files.
     *
     * @param root the folder holding the files; {@code null} means {@link #defaultRoot(String)}
     * @param numClassesHint if set, the number of classes the caller expects; a different count is an error
     * @param folderShape the shape {@code folder} images are resized to (the network's input); ignored otherwise
     * @throws DatasetException for unknown names, missing, truncated or corrupt files, or a wrong class count
     */
    public static LabeledDataset load(String name, Path root, Integer numClassesHint, ImageShape folderShape) {
        String key = normalise(name);
        Path dir = root != null ? root : defaultRoot(key);
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir + ": dataset folder for " + key + " not found");
        }
        LabeledDataset dataset = switch (key) {
            case FASHION_MNIST -> loadIdx(key, dir, FASHION_MNIST_CLASSES);
            case MNIST -> loadIdx(key, dir, MNIST_CLASSES);
            case CIFAR10 -> loadCifar10(dir);
            case CIFAR100 -> loadCifar100(dir);
            case FOLDER -> loadFolder(dir, folderShape);
            default -> throw new IllegalStateException(key);
        };
        if (numClassesHint != null && numClassesHint != dataset.numClasses()) {
            throw new DatasetException(dir + ": dataset " + key + " has " + dataset.numClasses() + " classes, but "
                    + numClassesHint + " were expected");
        }
        return dataset;
    }

    /** The default folder of a named dataset: {@code /usr/share/datasets/<name>}. */
    public static Path defaultRoot(String name) {
        return defaultRoot(name, DEFAULT_DATA_DIR);
    }

    /** The default folder of a named dataset under a data dir ({@code transferlab.trainer.data-dir}). */
    public static Path defaultRoot(String name, Path dataDir) {
        String key = normalise(name);
        if (FOLDER.equals(key)) {
            throw new DatasetException("a folder dataset has no default location; give dataset.location");
        }
        return dataDir.resolve(key);
    }

    /** Class names of a built-in dataset, by label; empty for {@code folder} (its classes are its sub-folders). */
    public static List<String> classNames(String name) {
        return CATALOG.classNames(normalise(name));
    }

    /** Whether {@code name} is the {@code folder} dataset (images resized to the network's input), in any spelling. */
    static boolean isFolder(String name) {
        return name != null && FOLDER.equals(name.trim().toLowerCase(Locale.ROOT));
    }

    private static String normalise(String name) {
        if (name == null) {
            throw new DatasetException("dataset name is missing; known: " + CATALOG.names());
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (!CATALOG.known(key)) {
            throw new DatasetException("unknown dataset '" + name + "'; known: " + CATALOG.names());
        }
        return key;
    }

    // ---- IDX (MNIST, Fashion-MNIST)

    private static LabeledDataset loadIdx(String name, Path dir, List<String> classes) {
        Path trainImages = findIdx(dir, "train-images", "idx3-ubyte");
        Path trainLabels = findIdx(dir, "train-labels", "idx1-ubyte");
        Path testImages = findIdx(dir, "t10k-images", "idx3-ubyte");
        Path testLabels = findIdx(dir, "t10k-labels", "idx1-ubyte");
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "dataset-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            // the big training image file decodes on its own thread while the other three are read
            CompletableFuture<IdxReader.Idx> trainImg = async(() -> IdxReader.read(trainImages, 3), pool);
            IdxReader.Idx testImg = IdxReader.read(testImages, 3);
            IdxReader.Idx trainLab = IdxReader.read(trainLabels, 1);
            IdxReader.Idx testLab = IdxReader.read(testLabels, 1);
            CompletableFuture<ImageSet> testSet = async(() -> idxSet(testImg, testLab, classes.size()), pool);
            IdxReader.Idx trainImgIdx = join(trainImg);
            ImageSet train = idxSet(trainImgIdx, trainLab, classes.size());
            ImageSet test = join(testSet);
            if (train.height() != test.height() || train.width() != test.width()) {
                throw new DatasetException(testImages + ": images are " + test.height() + "x" + test.width()
                        + " but the training images are " + train.height() + "x" + train.width());
            }
            String digest =
                    digest(name, List.of(trainImgIdx.source(), trainLab.source(), testImg.source(), testLab.source()));
            return new LabeledDataset(name, train, test, classes, digest);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Path findIdx(Path dir, String stem, String kind) {
        List<Path> candidates = List.of(
                dir.resolve(stem + "-" + kind + ".gz"),
                dir.resolve(stem + "-" + kind),
                dir.resolve(stem + "." + kind + ".gz"),
                dir.resolve(stem + "." + kind));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new DatasetException(dir.resolve(stem + "-" + kind + ".gz") + ": file not found (nor " + stem + "-" + kind
                + " without .gz)");
    }

    private static ImageSet idxSet(IdxReader.Idx images, IdxReader.Idx labels, int numClasses) {
        int count = images.dim(0);
        if (labels.dim(0) != count) {
            throw new DatasetException(labels.source().file() + ": holds " + labels.dim(0) + " labels but "
                    + images.source().file().getFileName() + " holds " + count + " images");
        }
        int[] l = new int[count];
        byte[] raw = labels.data();
        for (int i = 0; i < count; i++) {
            l[i] = raw[i] & 0xff;
            if (l[i] >= numClasses) {
                throw new DatasetException(labels.source().file() + ": corrupt: label " + i + " is " + l[i]
                        + ", expected 0.." + (numClasses - 1));
            }
        }
        return new ImageSet(count, 1, images.dim(1), images.dim(2), toFloats(images.data()), l, numClasses);
    }

    // ---- CIFAR

    private static LabeledDataset loadCifar10(Path root) {
        Path dir = Files.isRegularFile(root.resolve("test_batch.bin")) ? root : root.resolve("cifar-10-batches-bin");
        List<CifarReader.Records> train = new ArrayList<>();
        for (int b = 1; b <= CIFAR10_TRAIN_BATCHES; b++) {
            train.add(CifarReader.readCifar10(dir.resolve("data_batch_" + b + ".bin"), CIFAR10_CLASSES.size()));
        }
        CifarReader.Records test = CifarReader.readCifar10(dir.resolve("test_batch.bin"), CIFAR10_CLASSES.size());
        List<HashedFile> files =
                new ArrayList<>(train.stream().map(CifarReader.Records::source).toList());
        files.add(test.source());
        return new LabeledDataset(
                CIFAR10,
                cifarSet(train, CIFAR10_CLASSES.size()),
                cifarSet(List.of(test), CIFAR10_CLASSES.size()),
                CIFAR10_CLASSES,
                digest(CIFAR10, files));
    }

    private static LabeledDataset loadCifar100(Path root) {
        Path dir = Files.isRegularFile(root.resolve("test.bin")) ? root : root.resolve("cifar-100-binary");
        int fine = Cifar100Classes.FINE_NAMES.size();
        int coarse = Cifar100Classes.COARSE_NAMES.size();
        CifarReader.Records train = CifarReader.readCifar100(dir.resolve("train.bin"), fine, coarse);
        CifarReader.Records test = CifarReader.readCifar100(dir.resolve("test.bin"), fine, coarse);
        for (CifarReader.Records r : List.of(train, test)) {
            for (int i = 0; i < r.count(); i++) {
                int expected = Cifar100Classes.coarseOf(r.labels()[i]);
                if (r.coarseLabels()[i] != expected) {
                    throw new DatasetException(r.source().file() + ": corrupt: record " + i + " has fine label "
                            + r.labels()[i] + " (" + Cifar100Classes.FINE_NAMES.get(r.labels()[i])
                            + ") but coarse label " + r.coarseLabels()[i] + "; expected " + expected + " ("
                            + Cifar100Classes.COARSE_NAMES.get(expected) + ")");
                }
            }
        }
        return new LabeledDataset(
                CIFAR100,
                cifarSet(List.of(train), fine),
                cifarSet(List.of(test), fine),
                Cifar100Classes.FINE_NAMES,
                digest(CIFAR100, List.of(train.source(), test.source())));
    }

    private static ImageSet cifarSet(List<CifarReader.Records> parts, int numClasses) {
        int count = parts.stream().mapToInt(CifarReader.Records::count).sum();
        float[] pixels = new float[count * CifarReader.PIXELS];
        int[] labels = new int[count];
        int at = 0;
        for (CifarReader.Records part : parts) {
            toFloats(part.pixels(), pixels, at * CifarReader.PIXELS);
            System.arraycopy(part.labels(), 0, labels, at, part.count());
            at += part.count();
        }
        return new ImageSet(
                count, CifarReader.CHANNELS, CifarReader.SIDE, CifarReader.SIDE, pixels, labels, numClasses);
    }

    // ---- folder

    private static LabeledDataset loadFolder(Path dir, ImageShape shape) {
        ImageFolderReader.Result r = ImageFolderReader.read(dir, shape == null ? ImageShape.COLOR_32 : shape);
        return new LabeledDataset(
                FOLDER, r.train(), r.test(), r.classNames(), Digests.sha256Hex(FOLDER + "\n" + r.digest()));
    }

    // ---- helpers

    private static final float[] UNIT = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            UNIT[i] = i / 255f;
        }
    }

    private static float[] toFloats(byte[] bytes) {
        float[] out = new float[bytes.length];
        toFloats(bytes, out, 0);
        return out;
    }

    private static void toFloats(byte[] bytes, float[] out, int offset) {
        for (int i = 0; i < bytes.length; i++) {
            out[offset + i] = UNIT[bytes[i] & 0xff];
        }
    }

    private static String digest(String name, List<HashedFile> files) {
        MessageDigest sha = Digests.sha256();
        sha.update((name + "\n").getBytes(StandardCharsets.UTF_8));
        for (HashedFile f : files) {
            sha.update((f.digestLine() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return Digests.hex(sha.digest());
    }

    private static <T> CompletableFuture<T> async(Supplier<T> task, ExecutorService pool) {
        return CompletableFuture.supplyAsync(task, pool);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }
}

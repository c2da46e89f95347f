package io.transferlab.launcher.client;

import io.transferlab.launcher.client.Downloader.RemoteFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST for the demo: the Debian package's copy when it is there, else a verified copy in the user's
 * cache, downloaded from the dataset's upstream location the first time.
 */
public final class FashionMnist {

    /** The folder name under a dataset root, as the trainer expects it. */
    public static final String FOLDER = "fashion-mnist";

    /** Where the dataset's authors publish the files (the links of github.com/zalandoresearch/fashion-mnist). */
    public static final URI UPSTREAM = URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

    private FashionMnist() {}

    /**
     * The four upstream files under {@code base}. The SHA-256 digests are those of the upstream {@code .gz} files
     * (the authors publish MD5s; these SHA-256s agree across independent published checksum lists). Debian's
     * {@code dataset-fashion-mnist} recompresses the files, so its copies have other digests and are not
     * checked against these.
     */
    public static List<RemoteFile> upstreamFiles(URI base) {
        return List.of(
                file(
                        base,
                        "train-images-idx3-ubyte.gz",
                        26_421_880,
                        "08dc20ab1689590a0bcd66e874647b6ee8464e2d501b5a3f1f78831db19a3fdc"),
                file(
                        base,
                        "train-labels-idx1-ubyte.gz",
                        29_515,
                        "b0197879cbda89f3dc7b894f9fd52b858e68ea4182b6947c9d8c2b67e5f18dcc"),
                file(
                        base,
                        "t10k-images-idx3-ubyte.gz",
                        4_422_102,
                        "78dcbbfb5a27efaf1b6c1d616caca68560be8766c5bffcb2791df9273a534229"),
                file(
                        base,
                        "t10k-labels-idx1-ubyte.gz",
                        5_148,
                        "42bd18137a62d5998cdeae52bf3a0676ac6b706f5cf8439b47bb5b151ae3dccf"));
    }

    /** The cache root: {@code $TRANSFERLAB_CACHE}, else {@code $XDG_CACHE_HOME/transferlab}, else {@code ~/.cache/transferlab}. */
    public static Path defaultCache() {
        String explicit = System.getenv("TRANSFERLAB_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("transferlab");
    }

    /** The base URI to download from: {@code $TRANSFERLAB_FASHION_MNIST_URL} (a mirror), else {@link #UPSTREAM}. */
    public static URI source() {
        String mirror = System.getenv("TRANSFERLAB_FASHION_MNIST_URL");
        return mirror == null || mirror.isBlank() ? UPSTREAM : URI.create(mirror.endsWith("/") ? mirror : mirror + "/");
    }

    /**
     * A dataset root holding {@code fashion-mnist/}: {@code dataDir} if the dataset is there, else
     * {@code <cache>/datasets} once every file in it verifies, downloading what is missing or corrupt.
     */
    public static Path ensure(
            Path dataDir, Path cache, List<RemoteFile> files, Downloader downloader, Downloader.Progress progress) {
        if (presentIn(dataDir, files)) {
            return dataDir;
        }
        Path root = cache.resolve("datasets");
        Path dir = root.resolve(FOLDER);
        for (RemoteFile file : files) {
            if (!Downloader.verified(dir.resolve(file.name()), file.sha256())) {
                downloader.fetch(file, dir, progress);
            }
        }
        return root;
    }

    /** Whether every file is in {@code <root>/fashion-mnist}, compressed or not (the trainer reads both). */
    public static boolean presentIn(Path root, List<RemoteFile> files) {
        Path dir = root.resolve(FOLDER);
        return files.stream()
                .allMatch(f -> Files.isRegularFile(dir.resolve(f.name()))
                        || Files.isRegularFile(dir.resolve(f.name().replaceFirst("\\.gz$", ""))));
    }

    private static RemoteFile file(URI base, String name, long size, String sha256) {
        return new RemoteFile(name, base.resolve(name), size, sha256);
    }
}

package io.transferlab.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transferlab.launcher.ExitCode;
import io.transferlab.launcher.LauncherException;
import io.transferlab.launcher.client.Downloader;
import io.transferlab.launcher.client.Downloader.RemoteFile;
import io.transferlab.launcher.client.FashionMnist;
import io.transferlab.launcher.client.FileServer;
import io.transferlab.localstack.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's dataset on a machine without the Debian package, against a local stand-in for the upstream server. */
class DemoDatasetTest {

    private static final List<String> NAMES = List.of(
            "train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz");

    private final Downloader downloader = new Downloader(Duration.ofSeconds(30));
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static byte[] content(String name) {
        return ("fake " + name + " ").repeat(2000).getBytes(StandardCharsets.UTF_8);
    }

    private static FileServer upstream() {
        FileServer server = new FileServer();
        NAMES.forEach(n -> server.with(n, content(n)));
        return server;
    }

    private static List<RemoteFile> files(URI base) {
        return NAMES.stream()
                .map(n -> new RemoteFile(n, base.resolve(n), content(n).length, FileServer.sha256(content(n))))
                .toList();
    }

    private Path provide(Path dataDir, Path cache, List<RemoteFile> files) {
        return DemoDataset.provide(dataDir, cache, files, downloader, new PrintStream(err, true), false);
    }

    @Test
    void withoutThePackageTheDatasetIsDownloadedOnceWithProgressAndCached(@TempDir Path dir) {
        try (FileServer server = upstream()) {
            Path root = provide(dir.resolve("no-package"), dir.resolve("cache"), files(server.base()));

            assertThat(root).isEqualTo(dir.resolve("cache/datasets"));
            for (String name : NAMES) {
                assertThat(root.resolve(FashionMnist.FOLDER).resolve(name)).hasBinaryContent(content(name));
            }
            assertThat(err.toString())
                    .contains(
                            "Fashion-MNIST is not in",
                            "SHA-256 checked",
                            "downloading train-images-idx3-ubyte.gz [",
                            "100%");
            assertThat(server.requests()).isEqualTo(4);

            assertThat(provide(dir.resolve("no-package"), dir.resolve("cache"), files(server.base())))
                    .isEqualTo(root);
            assertThat(server.requests())
                    .as("the cache is used the second time")
                    .isEqualTo(4);
        }
    }

    @Test
    void aCorruptCachedFileIsDownloadedAgain(@TempDir Path dir) throws Exception {
        try (FileServer server = upstream()) {
            Path root = provide(dir.resolve("none"), dir.resolve("cache"), files(server.base()));
            Files.writeString(root.resolve(FashionMnist.FOLDER).resolve(NAMES.get(1)), "truncated");

            provide(dir.resolve("none"), dir.resolve("cache"), files(server.base()));

            assertThat(server.requests()).isEqualTo(5);
            assertThat(root.resolve(FashionMnist.FOLDER).resolve(NAMES.get(1))).hasBinaryContent(content(NAMES.get(1)));
        }
    }

    @Test
    void aDigestMismatchFailsTheDemoAndKeepsNoFile(@TempDir Path dir) {
        try (FileServer server = upstream()) {
            server.with(NAMES.get(2), "tampered".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> provide(dir.resolve("none"), dir.resolve("cache"), files(server.base())))
                    .isInstanceOf(LauncherException.class)
                    .hasMessageContaining("is corrupt: its SHA-256 is");
            assertThat(dir.resolve("cache/datasets/fashion-mnist").resolve(NAMES.get(2)))
                    .doesNotExist();
        }
    }

    @Test
    void thePackagesCopyIsUsedWithoutAnyDownload(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("datasets");
        Files.createDirectories(data.resolve(FashionMnist.FOLDER));
        for (String name : NAMES) {
            Files.writeString(data.resolve(FashionMnist.FOLDER).resolve(name), "recompressed by Debian");
        }
        try (FileServer server = upstream()) {
            assertThat(provide(data, dir.resolve("cache"), files(server.base())))
                    .isEqualTo(data);
            assertThat(server.requests()).isZero();
        }
    }

    @Test
    void withoutANetworkTheErrorSaysHowToInstallIt(@TempDir Path dir) {
        URI offline = URI.create("http://127.0.0.1:" + Ports.freePort() + "/");

        assertThatThrownBy(() -> provide(dir.resolve("none"), dir.resolve("cache"), files(offline)))
                .isInstanceOf(LauncherException.class)
                .hasMessageContaining("The Fashion-MNIST dataset is missing in")
                .hasMessageContaining("sudo apt-get install dataset-fashion-mnist")
                .hasMessageContaining("The download failed too: Cannot download")
                .satisfies(e -> assertThat(((LauncherException) e).exitCode()).isEqualTo(ExitCode.ERROR));
    }
}

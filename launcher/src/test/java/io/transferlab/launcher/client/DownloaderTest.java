package io.transferlab.launcher.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transferlab.launcher.LauncherException;
import io.transferlab.launcher.client.Downloader.RemoteFile;
import io.transferlab.localstack.Ports;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {

    private static final byte[] BODY =
            "idx bytes of a small test file".repeat(5000).getBytes(StandardCharsets.UTF_8);

    private final Downloader downloader = new Downloader(Duration.ofSeconds(30));

    @Test
    void aVerifiedDownloadIsKeptAndItsProgressReachesTheEnd(@TempDir Path dir) throws Exception {
        try (FileServer server = new FileServer().with("a.gz", BODY)) {
            RemoteFile file =
                    new RemoteFile("a.gz", server.base().resolve("a.gz"), BODY.length, FileServer.sha256(BODY));
            List<Long> progress = new ArrayList<>();

            Path saved = downloader.fetch(file, dir, (f, bytes) -> progress.add(bytes));

            assertThat(saved).isEqualTo(dir.resolve("a.gz")).hasBinaryContent(BODY);
            assertThat(progress).isSorted().last().isEqualTo((long) BODY.length);
            assertThat(Downloader.verified(saved, file.sha256())).isTrue();
            assertThat(dir.resolve("a.gz.part")).doesNotExist();
        }
    }

    @Test
    void aDigestMismatchIsAnErrorAndLeavesNothingBehind(@TempDir Path dir) {
        try (FileServer server = new FileServer().with("a.gz", BODY)) {
            String other = FileServer.sha256("something else".getBytes(StandardCharsets.UTF_8));
            RemoteFile file = new RemoteFile("a.gz", server.base().resolve("a.gz"), BODY.length, other);

            assertThatThrownBy(() -> downloader.fetch(file, dir, (f, bytes) -> {}))
                    .isInstanceOf(LauncherException.class)
                    .isNotInstanceOf(Downloader.UnreachableException.class)
                    .hasMessageContaining("SHA-256 is " + FileServer.sha256(BODY))
                    .hasMessageContaining("expected " + other);
            assertThat(dir.resolve("a.gz")).doesNotExist();
            assertThat(dir.resolve("a.gz.part")).doesNotExist();
        }
    }

    @Test
    void noServerOrAMissingFileIsUnreachable(@TempDir Path dir) {
        URI nowhere = URI.create("http://127.0.0.1:" + Ports.freePort() + "/a.gz");
        assertThatThrownBy(() -> downloader.fetch(new RemoteFile("a.gz", nowhere, 0, "00"), dir, (f, b) -> {}))
                .isInstanceOf(Downloader.UnreachableException.class)
                .hasMessageContaining("Cannot download " + nowhere);
        try (FileServer server = new FileServer()) {
            assertThatThrownBy(() -> downloader.fetch(
                            new RemoteFile("a.gz", server.base().resolve("a.gz"), 0, "00"), dir, (f, b) -> {}))
                    .isInstanceOf(Downloader.UnreachableException.class)
                    .hasMessageContaining("HTTP 404");
        }
        assertThat(dir.resolve("a.gz")).doesNotExist();
    }

    @Test
    void theUpstreamListNamesTheFourFilesWithTheirDigests() {
        List<RemoteFile> files = FashionMnist.upstreamFiles(FashionMnist.UPSTREAM);

        assertThat(files)
                .extracting(RemoteFile::name)
                .containsExactly(
                        "train-images-idx3-ubyte.gz",
                        "train-labels-idx1-ubyte.gz",
                        "t10k-images-idx3-ubyte.gz",
                        "t10k-labels-idx1-ubyte.gz");
        assertThat(files).allSatisfy(f -> {
            assertThat(f.uri().toString())
                    .startsWith("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")
                    .endsWith(f.name());
            assertThat(f.sha256()).matches("[0-9a-f]{64}");
        });
        assertThat(files).extracting(RemoteFile::sha256).doesNotHaveDuplicates();
    }

    @Test
    void aFileNameCannotLeaveTheFolder() {
        assertThatThrownBy(() -> new RemoteFile("../x", URI.create("http://h/x"), 0, "00"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.exists(Path.of("x"))).isFalse();
    }
}

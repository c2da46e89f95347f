package io.transferlab.trainer.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.transferlab.trainer.engine.data.DatasetDownloader.RemoteFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the downloader against a local HTTP server (this machine has no internet). */
class DatasetDownloaderTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String name = exchange.getRequestURI().getPath().substring(1);
            byte[] body = files.get(name);
            AtomicInteger fail = failuresLeft.get(name);
            int status = body == null ? 404 : fail != null && fail.getAndDecrement() > 0 ? 503 : 200;
            byte[] out = status == 200 ? body : "no".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DatasetDownloader downloader() {
        return new DatasetDownloader(HttpClient.newHttpClient(), Duration.ofSeconds(10), 3, Duration.ZERO);
    }

    private URI uri(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
    }

    private static String hash(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    @Test
    void downloadsVerifiesAndSkipsFilesAlreadyPresent() throws Exception {
        byte[] labels = TestFiles.gzip(TestFiles.idxLabels(TestFiles.cyclicLabels(20, 10)));
        files.put("t10k-labels-idx1-ubyte.gz", labels);
        RemoteFile file = new RemoteFile("t10k-labels-idx1-ubyte.gz", uri("t10k-labels-idx1-ubyte.gz"), "MD5",
                hash("MD5", labels).toUpperCase(), false);

        downloader().fetch(List.of(file), dir.resolve("out"));
        assertThat(Files.readAllBytes(dir.resolve("out/t10k-labels-idx1-ubyte.gz"))).isEqualTo(labels);
        assertThat(requests.get()).isEqualTo(1);

        downloader().fetch(List.of(file), dir.resolve("out"));
        assertThat(requests.get()).isEqualTo(1);
        assertThat(dir.resolve("out/t10k-labels-idx1-ubyte.gz.part")).doesNotExist();
    }

    @Test
    void checksumMismatchFailsAfterRetriesAndLeavesNoFile() throws Exception {
        files.put("f.bin", new byte[] {1, 2, 3});
        RemoteFile file = new RemoteFile("f.bin", uri("f.bin"), "SHA-256", hash("SHA-256", new byte[] {1, 2, 4}),
                false);
        assertThatThrownBy(() -> downloader().fetch(List.of(file), dir))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.uri().toString())
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("SHA-256 checksum mismatch: expected " + file.checksum());
        assertThat(requests.get()).isEqualTo(3);
        assertThat(dir.resolve("f.bin")).doesNotExist();
        assertThat(dir.resolve("f.bin.part")).doesNotExist();
    }

    @Test
    void serverErrorsAreRetriedButNotFoundIsNot() throws Exception {
        byte[] data = "payload".getBytes(StandardCharsets.UTF_8);
        files.put("flaky", data);
        failuresLeft.put("flaky", new AtomicInteger(2));
        downloader().fetch(List.of(new RemoteFile("flaky", uri("flaky"), "MD5", hash("MD5", data), false)), dir);
        assertThat(Files.readAllBytes(dir.resolve("flaky"))).isEqualTo(data);
        assertThat(requests.get()).isEqualTo(3);

        RemoteFile missing = new RemoteFile("missing", uri("missing"), "MD5", hash("MD5", data), false);
        assertThatThrownBy(() -> downloader().fetch(List.of(missing), dir))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("HTTP 404");
        assertThat(requests.get()).isEqualTo(4);
    }

    @Test
    void cifarStyleArchiveIsUnpackedAndLoads() throws Exception {
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        TestFiles.cifarRecord(record, new int[] {3}, 0);
        byte[] batch = record.toByteArray();
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tarEntry(tar, "cifar-10-batches-bin/", new byte[0], '5');
        for (String name : new String[] {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"}) {
            tarEntry(tar, "cifar-10-batches-bin/" + name, batch, '0');
        }
        tar.write(new byte[1024]);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar.toByteArray());
        }
        byte[] archive = gz.toByteArray();
        files.put("cifar-10-binary.tar.gz", archive);

        downloader().fetch(List.of(new RemoteFile("cifar-10-binary.tar.gz", uri("cifar-10-binary.tar.gz"), "MD5",
                hash("MD5", archive), true)), dir);

        LabeledDataset ds = Datasets.load("cifar10", dir, 10);
        assertThat(ds.train().count()).isEqualTo(5);
        assertThat(ds.test().labels()).containsExactly(3);
    }

    @Test
    void archiveEntriesOutsideTheTargetAreRefused() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tarEntry(tar, "../evil.txt", "x".getBytes(StandardCharsets.UTF_8), '0');
        tar.write(new byte[1024]);
        Path archive = dir.resolve("a.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
            out.write(tar.toByteArray());
        }
        Path target = dir.resolve("target");
        assertThatThrownBy(() -> DatasetDownloader.TarGz.extract(archive, target))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("outside the target folder");
        assertThat(dir.resolve("evil.txt")).doesNotExist();
    }

    @Test
    void officialFileListsCoverTheBuiltInDatasets() {
        assertThat(DatasetDownloader.officialFiles("fashion-mnist")).extracting(RemoteFile::fileName)
                .containsExactly("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        assertThat(DatasetDownloader.officialFiles("mnist")).hasSize(4)
                .allSatisfy(f -> assertThat(f.checksum()).hasSize(32));
        assertThat(DatasetDownloader.officialFiles("cifar10").get(0).extractTarGz()).isTrue();
        assertThat(DatasetDownloader.officialFiles("cifar100").get(0).uri().toString())
                .endsWith("cifar-100-binary.tar.gz");
        assertThatThrownBy(() -> DatasetDownloader.officialFiles("folder")).isInstanceOf(DatasetException.class);
    }

    /** Writes one ustar entry: a 512-byte header then the data padded to 512 bytes. */
    private static void tarEntry(ByteArrayOutputStream tar, String name, byte[] data, char type) throws IOException {
        byte[] header = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, header, 0, n.length);
        put(header, 100, "0000644\0");
        put(header, 108, "0000000\0");
        put(header, 116, "0000000\0");
        put(header, 124, String.format("%011o\0", data.length));
        put(header, 136, "00000000000\0");
        header[156] = (byte) type;
        put(header, 257, "ustar\0");
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o\0 ", sum));
        tar.write(header);
        tar.write(data);
        int pad = (512 - data.length % 512) % 512;
        tar.write(new byte[pad]);
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] b = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, offset, b.length);
    }
}

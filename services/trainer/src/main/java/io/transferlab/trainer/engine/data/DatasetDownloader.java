package io.transferlab.trainer.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Fetches the official files of the built-in datasets into a folder that {@link Datasets#load} reads,
 * verifying each against its published checksum. Files already present with the right checksum are
 * not fetched again; a download goes to a {@code .part} file and is renamed only once it verifies.
 * CIFAR archives ({@code .tar.gz}) are unpacked after they verify. Server errors and I/O failures are
 * retried with a doubling backoff, up to {@code maxAttempts}; client errors (4xx) are not.
 *
 * <p>Checksums are the publishers' MD5s (the Fashion-MNIST README, the CIFAR page, torchvision's
 * MNIST mirror list). Debian's {@code dataset-fashion-mnist} package recompresses the {@code .gz}
 * files, so its files do not carry these MD5s although their content is the same.
 */
public final class DatasetDownloader {

    /** One file to fetch: stored as {@code fileName}, checked with {@code algorithm} ("MD5", "SHA-256"). */
    public record RemoteFile(String fileName, URI uri, String algorithm, String checksum, boolean extractTarGz) {
        public RemoteFile {
            if (fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
                throw new IllegalArgumentException("bad file name " + fileName);
            }
            checksum = checksum.toLowerCase(Locale.ROOT);
        }
    }

    private static final String FASHION_BASE = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    private static final String MNIST_BASE = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    private static final String CIFAR_BASE = "https://www.cs.toronto.edu/~kriz/";

    private final HttpClient client;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration backoff;

    /** 30 s to connect, 30 min per file, 3 attempts, 2 s first backoff. */
    public DatasetDownloader() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).build(), Duration.ofMinutes(30), 3, Duration.ofSeconds(2));
    }

    public DatasetDownloader(HttpClient client, Duration requestTimeout, int maxAttempts, Duration backoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
    }

    /** The official files of a built-in dataset. */
    public static List<RemoteFile> officialFiles(String datasetName) {
        String name = datasetName == null ? "" : datasetName.toLowerCase(Locale.ROOT);
        return switch (name) {
            case Datasets.FASHION_MNIST -> List.of(
                    md5(FASHION_BASE, "train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
                    md5(FASHION_BASE, "train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe"),
                    md5(FASHION_BASE, "t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"),
                    md5(FASHION_BASE, "t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310"));
            case Datasets.MNIST -> List.of(
                    md5(MNIST_BASE, "train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
                    md5(MNIST_BASE, "train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
                    md5(MNIST_BASE, "t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
                    md5(MNIST_BASE, "t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c"));
            case Datasets.CIFAR10 -> List.of(new RemoteFile("cifar-10-binary.tar.gz",
                    URI.create(CIFAR_BASE + "cifar-10-binary.tar.gz"), "MD5", "c32a1d4ab5d03f1284b67883e8d87530", true));
            case Datasets.CIFAR100 -> List.of(new RemoteFile("cifar-100-binary.tar.gz",
                    URI.create(CIFAR_BASE + "cifar-100-binary.tar.gz"), "MD5", "03b5dce01913d631647c71ecec9e9cb8",
                    true));
            default -> throw new DatasetException("no official download for dataset '" + datasetName + "'");
        };
    }

    private static RemoteFile md5(String base, String file, String md5) {
        return new RemoteFile(file, URI.create(base + file), "MD5", md5, false);
    }

    /** Fetches a built-in dataset into {@code targetDir} and returns the folder to pass to {@link Datasets#load}. */
    public Path download(String datasetName, Path targetDir) {
        fetch(officialFiles(datasetName), targetDir);
        return targetDir;
    }

    /** Fetches and verifies each file into {@code targetDir}, unpacking archives that ask for it. */
    public void fetch(List<RemoteFile> files, Path targetDir) {
        try {
            Files.createDirectories(targetDir);
        } catch (IOException e) {
            throw new DatasetException(targetDir + ": cannot create the download folder (" + e + ")", e);
        }
        for (RemoteFile file : files) {
            Path target = targetDir.resolve(file.fileName());
            if (!Files.isRegularFile(target) || !file.checksum().equals(checksumOf(target, file.algorithm()))) {
                fetchWithRetries(file, target);
            }
            if (file.extractTarGz()) {
                TarGz.extract(target, targetDir);
            }
        }
    }

    private void fetchWithRetries(RemoteFile file, Path target) {
        DatasetException last = null;
        long wait = backoff.toMillis();
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                fetchOnce(file, target);
                return;
            } catch (RetryableFailure e) {
                last = new DatasetException(file.uri() + ": download failed after " + attempt + " attempt"
                        + (attempt == 1 ? "" : "s") + " (" + e.getMessage() + ")", e);
            }
            if (attempt < maxAttempts) {
                pause(wait);
                wait *= 2;
            }
        }
        throw last;
    }

    private void fetchOnce(RemoteFile file, Path target) {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        HttpRequest request = HttpRequest.newBuilder(file.uri()).timeout(requestTimeout).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            if (status >= 400 && status < 500) {
                response.body().close();
                throw new DatasetException(file.uri() + ": download refused with HTTP " + status);
            }
            if (status != 200) {
                response.body().close();
                throw new RetryableFailure("HTTP " + status);
            }
            MessageDigest digest = Digests.newDigest(file.algorithm());
            try (InputStream body = new DigestInputStream(response.body(), digest);
                    OutputStream out = Files.newOutputStream(part)) {
                body.transferTo(out);
            }
            String actual = Digests.hex(digest.digest());
            if (!actual.equals(file.checksum())) {
                Files.deleteIfExists(part);
                throw new RetryableFailure(file.algorithm() + " checksum mismatch: expected " + file.checksum()
                        + ", got " + actual);
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(part);
            throw new RetryableFailure(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteQuietly(part);
            throw new DatasetException(file.uri() + ": download interrupted", e);
        }
    }

    private static String checksumOf(Path file, String algorithm) {
        MessageDigest digest = Digests.newDigest(algorithm);
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            return "";
        }
        return Digests.hex(digest.digest());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("download interrupted", e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stale .part file is overwritten by the next attempt
        }
    }

    private static final class RetryableFailure extends RuntimeException {
        RetryableFailure(String message) {
            super(message);
        }
    }

    /** Unpacks regular files and folders of a gzip-compressed tar (ustar/GNU) archive, refusing paths outside the target. */
    static final class TarGz {
        private static final int BLOCK = 512;

        private TarGz() {
        }

        static void extract(Path archive, Path targetDir) {
            Path root = targetDir.toAbsolutePath().normalize();
            try (InputStream in = new GZIPInputStream(Files.newInputStream(archive), 1 << 16)) {
                String longName = null;
                while (true) {
                    byte[] header = in.readNBytes(BLOCK);
                    if (header.length < BLOCK) {
                        throw new DatasetException(archive + ": truncated tar archive");
                    }
                    if (isZero(header)) {
                        return;
                    }
                    String name = longName != null ? longName : string(header, 0, 100);
                    longName = null;
                    String prefix = string(header, 345, 155);
                    if (!prefix.isEmpty() && name.equals(string(header, 0, 100))) {
                        name = prefix + "/" + name;
                    }
                    long size = Long.parseLong(string(header, 124, 12).trim().isEmpty() ? "0"
                            : string(header, 124, 12).trim(), 8);
                    char type = (char) header[156];
                    long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                    if (type == 'L') {
                        byte[] nameBytes = in.readNBytes((int) padded);
                        longName = new String(nameBytes, 0, (int) Math.min(size, nameBytes.length),
                                StandardCharsets.UTF_8).replace("\0", "");
                        continue;
                    }
                    Path out = root.resolve(name).normalize();
                    if (!out.startsWith(root)) {
                        throw new DatasetException(archive + ": entry '" + name + "' points outside the target folder");
                    }
                    if (type == '5') {
                        Files.createDirectories(out);
                        skip(in, padded, archive);
                    } else if (type == '0' || type == '\0') {
                        Files.createDirectories(out.getParent());
                        try (OutputStream os = Files.newOutputStream(out)) {
                            copy(in, os, size, archive);
                        }
                        skip(in, padded - size, archive);
                    } else {
                        skip(in, padded, archive); // links and special files are not needed by any dataset
                    }
                }
            } catch (IOException | NumberFormatException e) {
                throw new DatasetException(archive + ": corrupt archive (" + e + ")", e);
            }
        }

        private static boolean isZero(byte[] block) {
            for (byte b : block) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }

        private static String string(byte[] header, int offset, int length) {
            int end = offset;
            while (end < offset + length && header[end] != 0) {
                end++;
            }
            return new String(header, offset, end - offset, StandardCharsets.UTF_8);
        }

        private static void copy(InputStream in, OutputStream out, long size, Path archive) throws IOException {
            byte[] buffer = new byte[1 << 16];
            long left = size;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new DatasetException(archive + ": truncated tar archive");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }

        private static void skip(InputStream in, long n, Path archive) throws IOException {
            try {
                in.skipNBytes(n);
            } catch (java.io.EOFException e) {
                throw new DatasetException(archive + ": truncated tar archive", e);
            }
        }
    }
}

package io.transferlab.launcher.client;

import io.transferlab.launcher.LauncherException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Downloads a file over HTTP into a folder and keeps it only if its SHA-256 digest is the expected one: the
 * bytes go to {@code <name>.part}, which is renamed once it verifies and deleted otherwise.
 */
public final class Downloader {

    /** One file to fetch, stored as {@code name}; {@code size} is what the progress bar expects (0: unknown). */
    public record RemoteFile(String name, URI uri, long size, String sha256) {
        public RemoteFile {
            if (name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                throw new IllegalArgumentException("bad file name '" + name + "'");
            }
            sha256 = sha256.toLowerCase(Locale.ROOT);
        }
    }

    /** Told how far a download has come. */
    public interface Progress {
        void update(RemoteFile file, long bytes);
    }

    /** The download could not be done: no network, a refused request, an unreadable answer. */
    public static final class UnreachableException extends LauncherException {
        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final int BUFFER = 1 << 16;

    private final HttpClient client;
    private final Duration timeout;

    /** 20 s to connect, {@code timeout} for the whole of one file. */
    public Downloader(Duration timeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.timeout = timeout;
    }

    /** Fetches {@code file} into {@code dir} and returns its path, or throws with the reason. */
    public Path fetch(RemoteFile file, Path dir, Progress progress) {
        Path target = dir.resolve(file.name());
        Path part = dir.resolve(file.name() + ".part");
        HttpRequest request =
                HttpRequest.newBuilder(file.uri()).timeout(timeout).GET().build();
        try {
            Files.createDirectories(dir);
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new UnreachableException("GET " + file.uri() + " answered HTTP " + response.statusCode(), null);
            }
            MessageDigest digest = sha256();
            try (InputStream in = new DigestInputStream(response.body(), digest);
                    OutputStream out = Files.newOutputStream(part)) {
                byte[] buffer = new byte[BUFFER];
                long total = 0;
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    total += n;
                    progress.update(file, total);
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(file.sha256())) {
                Files.deleteIfExists(part);
                throw new LauncherException("The download of " + file.uri() + " is corrupt: its SHA-256 is " + actual
                        + ", expected " + file.sha256() + "; it was discarded (try again, or use another mirror)");
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            deleteQuietly(part);
            throw new UnreachableException(
                    "Cannot download " + file.uri() + " (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deleteQuietly(part);
            throw new LauncherException("Interrupted while downloading " + file.uri(), e);
        }
    }

    /** Whether {@code path} is a regular file with the SHA-256 digest {@code sha256}. */
    public static boolean verified(Path path, String sha256) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            return false;
        }
        return HexFormat.of().formatHex(digest.digest()).equals(sha256.toLowerCase(Locale.ROOT));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a stale .part file is overwritten by the next download
        }
    }
}

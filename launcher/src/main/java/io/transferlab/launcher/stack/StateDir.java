package io.transferlab.launcher.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The files {@code ./transferlab up} keeps in its state folder (default {@code .transferlab/}):
 * {@code supervisor.pid}, {@code stack.env} (the lines {@code up} prints, rewritten when a service is
 * restarted) and {@code supervisor.log}. {@code stack.env} is the one file that holds the S3 secret key:
 * it is created readable by its owner only (mode 0600), and nothing else the launcher writes holds it.
 */
public record StateDir(Path dir) {

    public Path pidFile() {
        return dir.resolve("supervisor.pid");
    }

    public Path envFile() {
        return dir.resolve("stack.env");
    }

    public Path logFile() {
        return dir.resolve("supervisor.log");
    }

    public Optional<Long> supervisorPid() {
        try {
            if (!Files.exists(pidFile())) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(
                    Files.readString(pidFile(), StandardCharsets.UTF_8).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void writePid(long pid) {
        write(pidFile(), pid + "\n");
    }

    /** Writes {@code stack.env}, owner-only (0600) from the moment it exists where the file system allows. */
    public void writeEnv(Map<String, String> lines) {
        write(envFile(), format(lines));
    }

    /** The lines of {@code stack.env}, or an empty map if no stack is up. */
    public Map<String, String> env() {
        Map<String, String> lines = new LinkedHashMap<>();
        try {
            if (!Files.exists(envFile())) {
                return lines;
            }
            for (String line : Files.readAllLines(envFile(), StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    lines.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return lines;
        } catch (IOException e) {
            return lines;
        }
    }

    public void clear() {
        try {
            Files.deleteIfExists(envFile());
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String format(Map<String, String> lines) {
        StringBuilder out = new StringBuilder();
        lines.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }

    /** An empty file readable and writable by its owner only, before anything is written into it. */
    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system: its own access rules apply
        }
    }

    private void write(Path file, String text) {
        try {
            Files.createDirectories(dir);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            createOwnerOnly(tmp);
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}

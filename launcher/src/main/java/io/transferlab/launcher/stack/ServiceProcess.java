package io.transferlab.launcher.stack;

import io.transferlab.launcher.LauncherException;
import io.transferlab.localstack.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** One service as a child process, with its output appended to its log file. */
public final class ServiceProcess {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceSpec spec;
    private volatile Process process;
    private volatile boolean stopping;

    public ServiceProcess(ServiceSpec spec) {
        this.spec = spec;
    }

    public ServiceSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public synchronized void start() {
        try {
            Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(spec.command())
                    .redirectErrorStream(true)
                    .redirectOutput(
                            ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(spec.environment());
            stopping = false;
            process = builder.start();
        } catch (IOException e) {
            throw new LauncherException("Cannot start " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** True once {@link #stop()} or {@link #kill()} was called: an exit is then expected, not a crash. */
    public boolean isStopping() {
        return stopping;
    }

    public long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    /** Exit status, or null while running or never started. */
    public Integer exitStatus() {
        Process p = process;
        return p == null || p.isAlive() ? null : p.exitValue();
    }

    /**
     * Waits until {@code GET <healthPath>} answers 200. Fails at once when the process exits, and with
     * the tail of the log after {@code timeout}.
     */
    public void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        URI uri = URI.create("http://127.0.0.1:" + spec.port() + spec.healthPath());
        while (Instant.now().isBefore(deadline)) {
            Process p = process;
            if (p == null || !p.isAlive()) {
                throw new LauncherException(spec.name() + " exited during startup"
                        + (p == null ? "" : " with status " + p.exitValue()) + "; last lines of " + spec.logFile()
                        + ":\n" + logTail(30));
            }
            if (isReady(uri)) {
                return;
            }
            try {
                p.waitFor(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LauncherException("Interrupted while waiting for " + spec.name(), e);
            }
        }
        throw new LauncherException(spec.name() + " did not become healthy within " + timeout.toSeconds() + " s (" + uri
                + "); last lines of " + spec.logFile() + ":\n" + logTail(30));
    }

    /** What the liveness endpoint says: UP (200), DOWN (503), or UNKNOWN (no answer, any other status). */
    public enum Liveness {
        UP,
        DOWN,
        UNKNOWN
    }

    public Liveness liveness() {
        URI uri = URI.create("http://127.0.0.1:" + spec.port() + spec.livenessPath());
        try {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(3))
                    .GET()
                    .build();
            int status =
                    HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? Liveness.UP : status == 503 ? Liveness.DOWN : Liveness.UNKNOWN;
        } catch (IOException | IllegalArgumentException e) {
            return Liveness.UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Liveness.UNKNOWN;
        }
    }

    private static boolean isReady(URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(3))
                    .GET()
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    public void stop(Duration grace) {
        stopping = true;
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL, as in a crash (the supervisor restarts it unless {@link #stop} was called). */
    public void kill() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public String logTail(int lines) {
        try {
            return ChildJvm.tail(spec.logFile(), lines);
        } catch (UncheckedIOException e) {
            return "(no log)";
        }
    }

    @Override
    public String toString() {
        return spec.name() + "[pid " + pid() + "]";
    }
}

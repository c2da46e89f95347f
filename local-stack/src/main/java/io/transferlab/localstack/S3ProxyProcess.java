package io.transferlab.localstack;

import io.transferlab.localstack.child.S3ProxyMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * S3Proxy ({@code org.gaul.s3proxy.Main}) as a child JVM with a filesystem blob store: objects live
 * under {@code <directory>/blobs/<bucket>/}, so they survive {@link #restart()} and {@link #kill()}.
 */
public final class S3ProxyProcess implements S3Server {

    private final int port;
    private final Path dir;
    private final boolean temporary;
    private final String accessKey;
    private final String secretKey;
    private final Duration startupTimeout;
    private final ChildJvm child;

    private S3ProxyProcess(Builder b, int port, Path dir, boolean temporary) {
        this.port = port;
        this.dir = dir;
        this.temporary = temporary;
        this.accessKey = b.accessKey;
        this.secretKey = b.secretKey;
        this.startupTimeout = b.startupTimeout;
        Path properties = dir.resolve("s3proxy.properties");
        Path logback = dir.resolve("logback.xml");
        writeConfig(properties, logback);
        List<String> jvm = List.of(
                "-Xms32m",
                "-Xmx" + b.heap,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xss512k",
                "-Djava.awt.headless=true",
                "-Dlogback.configurationFile=" + logback);
        this.child = ChildJvm.of(
                        "s3proxy",
                        "s3proxy.classpath",
                        jvm,
                        "io.transferlab.localstack.child.S3ProxyMain",
                        List.of("--properties", properties.toString()),
                        dir.resolve("s3proxy.log"),
                        b.watchParent)
                .withEnvironment(Map.of(S3ProxyMain.CREDENTIAL_ENV, secretKey));
    }

    public static Builder builder() {
        return new Builder();
    }

    private void startAndAwait() {
        child.start();
        Instant deadline = Instant.now().plus(startupTimeout);
        while (Instant.now().isBefore(deadline)) {
            if (!child.isAlive()) {
                throw new LocalStackException(
                        "S3Proxy exited during startup; last lines of " + child.logFile() + ":\n" + child.logTail(40));
            }
            if (Ports.isListening(port) && S3Requests.answers(endpoint())) {
                return;
            }
            child.waitForExit(Duration.ofMillis(200));
        }
        child.kill();
        throw new LocalStackException("S3Proxy did not answer within " + startupTimeout + "; last lines of "
                + child.logFile() + ":\n" + child.logTail(40));
    }

    @Override
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public String accessKey() {
        return accessKey;
    }

    @Override
    public String secretKey() {
        return secretKey;
    }

    /** Directory of the blob store: one sub-folder per bucket. */
    public Path blobDirectory() {
        return dir.resolve("blobs");
    }

    public Path logFile() {
        return child.logFile();
    }

    @Override
    public void createBucket(String bucket) {
        S3Requests.createBucket(endpoint(), accessKey, secretKey, bucket);
    }

    @Override
    public long pid() {
        return child.pid();
    }

    @Override
    public boolean isRunning() {
        return child.isAlive();
    }

    @Override
    public void stop() {
        child.stop(Duration.ofSeconds(15));
    }

    @Override
    public void kill() {
        child.kill();
    }

    @Override
    public synchronized void restart() {
        child.stop(Duration.ofSeconds(15));
        startAndAwait();
    }

    @Override
    public String toString() {
        return "S3ProxyProcess[" + endpoint() + ", " + child + "]";
    }

    private void writeConfig(Path properties, Path logback) {
        String text = """
                # Written by io.transferlab.localstack.S3ProxyProcess
                s3proxy.endpoint=http://127.0.0.1:%d
                s3proxy.authorization=aws-v2-or-v4
                s3proxy.identity=%s
                # s3proxy.credential comes from the environment: no secret at rest
                s3proxy.ignore-unknown-headers=true
                jclouds.provider=filesystem
                jclouds.identity=local
                jclouds.credential=local
                jclouds.filesystem.basedir=%s
                """.formatted(port, accessKey, blobDirectory());
        String logbackText = """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>[%d] %level %msg \\(%logger\\)%n</pattern></encoder>
                  </appender>
                  <logger name="org.gaul.s3proxy" level="INFO"/>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """;
        try {
            Files.createDirectories(blobDirectory());
            Files.writeString(properties, text, StandardCharsets.UTF_8);
            Files.writeString(logback, logbackText, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteIfTemporary() {
        if (temporary) {
            Files2.deleteRecursively(dir);
        }
    }

    /** Options of an S3Proxy; {@link #start()} starts it and waits until it answers. */
    public static final class Builder {
        private int port;
        private Path directory;
        private String accessKey = "transferlab";
        private String secretKey = "transferlab-secret";
        private String heap = "256m";
        private Duration startupTimeout = Duration.ofSeconds(90);
        private boolean watchParent = true;

        private Builder() {}

        /** HTTP port; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where configuration, objects and log go; kept after stop. Default: a temporary folder deleted at JVM exit. */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        public Builder accessKey(String accessKey) {
            this.accessKey = accessKey;
            return this;
        }

        public Builder secretKey(String secretKey) {
            this.secretKey = secretKey;
            return this;
        }

        public Builder heap(String heap) {
            this.heap = heap;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        /** Whether S3Proxy exits when this JVM is gone (default true). */
        public Builder watchParent(boolean watch) {
            this.watchParent = watch;
            return this;
        }

        public S3ProxyProcess start() {
            int p = port == 0 ? Ports.freePort() : port;
            if (port != 0) {
                Ports.requireFree(p, "S3 server");
            }
            boolean temporary = directory == null;
            Path dir = temporary ? Files2.tempDirectory("transferlab-s3-") : Files2.createDirectories(directory);
            S3ProxyProcess server = new S3ProxyProcess(this, p, dir, temporary);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                server.child.stop(Duration.ofSeconds(5));
                                server.deleteIfTemporary();
                            },
                            "s3proxy-process-cleanup"));
            server.startAndAwait();
            return server;
        }
    }
}

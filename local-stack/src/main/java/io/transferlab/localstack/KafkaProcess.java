package io.transferlab.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * Apache Kafka in KRaft combined mode (one node, broker and controller) as a child JVM: the jars
 * from Maven Central, {@code kafka.tools.StorageTool format} then {@code kafka.Kafka}, run by
 * {@link io.transferlab.localstack.child.KafkaMain}.
 */
public final class KafkaProcess implements KafkaBroker {

    private static final String HOST = "127.0.0.1";

    private final int port;
    private final int controllerPort;
    private final Path dir;
    private final boolean temporary;
    private final Duration startupTimeout;
    private final ChildJvm child;

    private KafkaProcess(Builder b, int port, int controllerPort, Path dir, boolean temporary) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dir = dir;
        this.temporary = temporary;
        this.startupTimeout = b.startupTimeout;
        Path serverProperties = dir.resolve("server.properties");
        Path log4j = dir.resolve("log4j2.properties");
        writeConfig(b, serverProperties, log4j);
        String clusterId = clusterId(dir);
        List<String> jvm = new ArrayList<>(List.of(
                "-Xms64m",
                "-Xmx" + b.heap,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xss512k",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j,
                "-Dkafka.logs.dir=" + dir.resolve("logs")));
        this.child = ChildJvm.of(
                "kafka",
                "kafka.classpath",
                jvm,
                "io.transferlab.localstack.child.KafkaMain",
                List.of(serverProperties.toString(), clusterId),
                dir.resolve("kafka.log"),
                b.watchParent);
    }

    public static Builder builder() {
        return new Builder();
    }

    private void startAndAwait() {
        child.start();
        awaitReady();
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(startupTimeout);
        Admin admin = null;
        try {
            while (Instant.now().isBefore(deadline)) {
                if (!child.isAlive()) {
                    throw new LocalStackException("Kafka broker exited during startup; last lines of " + child.logFile()
                            + ":\n" + child.logTail(40));
                }
                if (Ports.isListening(port)) {
                    if (admin == null) {
                        admin = admin();
                    }
                    try {
                        if (!admin.describeCluster()
                                .nodes()
                                .get(5, TimeUnit.SECONDS)
                                .isEmpty()) {
                            return;
                        }
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        // not ready yet: the controller has not elected itself or the broker is fencing
                    }
                }
                child.waitForExit(Duration.ofMillis(250));
            }
            child.kill();
            throw new LocalStackException("Kafka broker did not become ready within " + startupTimeout
                    + "; last lines of " + child.logFile() + ":\n" + child.logTail(40));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.kill();
            throw new LocalStackException("Interrupted while waiting for the Kafka broker", e);
        } finally {
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
            }
        }
    }

    @Override
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /** Directory with the configuration, the data ({@code data/}) and the log ({@code kafka.log}). */
    public Path directory() {
        return dir;
    }

    public Path logFile() {
        return child.logFile();
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
        child.stop(Duration.ofSeconds(30));
    }

    @Override
    public void kill() {
        child.kill();
    }

    @Override
    public synchronized void restart() {
        child.stop(Duration.ofSeconds(30));
        startAndAwait();
    }

    private void deleteIfTemporary() {
        if (temporary) {
            Files2.deleteRecursively(dir);
        }
    }

    @Override
    public String toString() {
        return "KafkaProcess[" + bootstrapServers() + ", " + child + "]";
    }

    private static String clusterId(Path dir) {
        Path file = dir.resolve("cluster.id");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String id = Uuid.randomUuid().toString();
            Files.writeString(file, id, StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeConfig(Builder b, Path serverProperties, Path log4j) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.resolve("data").toString());
        p.put("num.partitions", String.valueOf(b.defaultPartitions));
        p.put("auto.create.topics.enable", "true");
        p.put("delete.topic.enable", "true");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Small footprint: a test machine runs several of these next to the services.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.put("message.max.bytes", String.valueOf(8 * 1024 * 1024));
        p.putAll(b.properties);
        StringBuilder text = new StringBuilder("# Written by io.transferlab.localstack.KafkaProcess\n");
        p.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        String log4jText = """
                status = warn
                appender.out.type = Console
                appender.out.name = OUT
                appender.out.layout.type = PatternLayout
                appender.out.layout.pattern = [%d] %p %m (%c)%n
                rootLogger.level = WARN
                rootLogger.appenderRef.out.ref = OUT
                logger.server.name = kafka.server.KafkaRaftServer
                logger.server.level = INFO
                logger.broker.name = kafka.server.BrokerServer
                logger.broker.level = INFO
                """;
        try {
            Files.writeString(serverProperties, text.toString(), StandardCharsets.UTF_8);
            Files.writeString(log4j, log4jText, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Options of a broker; {@link #start()} starts it and waits until it answers. */
    public static final class Builder {
        private int port;
        private int controllerPort;
        private Path dataDir;
        private String heap = "384m";
        private int defaultPartitions = 3;
        private Duration startupTimeout = KafkaBroker.DEFAULT_STARTUP_TIMEOUT;
        private boolean watchParent = true;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {}

        /** Client port; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Controller port; 0 (default) picks a free one. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /** Where configuration, data and log go; kept after stop. Default: a temporary folder deleted at JVM exit. */
        public Builder directory(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Maximum heap of the broker JVM, e.g. {@code 384m}. */
        public Builder heap(String heap) {
            this.heap = heap;
            return this;
        }

        /** Partitions of automatically created topics (default 3). */
        public Builder defaultPartitions(int partitions) {
            this.defaultPartitions = partitions;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        /** Whether the broker exits when this JVM is gone (default true). */
        public Builder watchParent(boolean watch) {
            this.watchParent = watch;
            return this;
        }

        /** Any broker property, overriding the defaults. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public KafkaProcess start() {
            int p = port == 0 ? Ports.freePort() : port;
            int c = controllerPort == 0 ? Ports.freePort() : controllerPort;
            if (p == c) {
                c = Ports.freePort();
            }
            if (port != 0) {
                Ports.requireFree(p, "Kafka broker");
            }
            if (controllerPort != 0) {
                Ports.requireFree(c, "Kafka controller");
            }
            boolean temporary = dataDir == null;
            Path dir = temporary ? Files2.tempDirectory("transferlab-kafka-") : Files2.createDirectories(dataDir);
            KafkaProcess broker = new KafkaProcess(this, p, c, dir, temporary);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                broker.child.stop(Duration.ofSeconds(10));
                                broker.deleteIfTemporary();
                            },
                            "kafka-process-cleanup"));
            broker.startAndAwait();
            return broker;
        }
    }
}

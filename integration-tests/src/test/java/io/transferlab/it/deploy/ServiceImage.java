package io.transferlab.it.deploy;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The image of a JVM service, defined once for Jib (no Docker engine needed) and kept in line with
 * {@code docker/<service>.Dockerfile} and the chart: the Quarkus fast-jar under {@code /deployments} in four
 * layers (least to most often changed), owned by root and run as uid/gid 10001, the service's port, its
 * {@code JAVA_OPTS} and OCI labels.
 *
 * @param base {@link #REGISTRY_BASE} (a registry must answer), or {@code "local"}: {@link LocalRuntimeBase}, a
 *     JRE made here by jlink on an empty image, for machines without a registry
 */
record ServiceImage(
        String service,
        int port,
        String javaOpts,
        Map<String, String> env,
        String workDir,
        String version,
        String base) {
    static final String REGISTRY_BASE = "eclipse-temurin:17.0.15_6-jre-jammy";
    static final String LOCAL_BASE = "local";
    static final String USER = "10001:10001";
    static final List<String> ENTRYPOINT =
            List.of("/bin/sh", "-c", "exec java ${JAVA_OPTS} -jar /deployments/quarkus-run.jar");
    private static final AbsoluteUnixPath DEPLOYMENTS = AbsoluteUnixPath.get("/deployments");

    static ServiceImage coordinator(String version, String base) {
        return new ServiceImage("coordinator", 8081, "-XX:MaxRAMPercentage=75", Map.of(), null, version, base);
    }

    static ServiceImage analytics(String version, String base) {
        return new ServiceImage("analytics", 8083, "-XX:MaxRAMPercentage=75", Map.of(), null, version, base);
    }

    /**
     * The CPU trainer, as {@code docker/trainer.Dockerfile}: ND4J's native libraries (libgomp included) come in its
     * jars and JavaCPP unpacks them under {@code /tmp}; its work folder belongs to the service's user.
     */
    static ServiceImage trainer(String version, String base) {
        return new ServiceImage(
                "trainer",
                8082,
                "-XX:MaxRAMPercentage=40 -Dorg.bytedeco.javacpp.maxbytes=4G",
                Map.of(
                        "JAVA_TOOL_OPTIONS",
                        "-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp",
                        "TRANSFERLAB_TRAINER_WORK_DIR",
                        TRAINER_WORK_DIR),
                TRAINER_WORK_DIR,
                version,
                base);
    }

    static final String TRAINER_WORK_DIR = "/var/lib/transferlab/work";

    String name() {
        return "transferlab/" + service + ":" + version;
    }

    /** Builds the image from the packaged service ({@code target/quarkus-app}) into a docker-loadable tarball. */
    Path buildTarball(Path quarkusApp, Path out, Path work) throws Exception {
        Files.createDirectories(out.getParent());
        JibContainerBuilder builder =
                LOCAL_BASE.equals(base) ? LocalRuntimeBase.builder(work) : Jib.from(RegistryImage.named(base));
        define(builder, quarkusApp)
                .containerize(Containerizer.to(TarImage.at(out).named(name()))
                        .setOfflineMode(LOCAL_BASE.equals(base))
                        .setBaseImageLayersCache(work.resolve("jib-base-cache"))
                        .setApplicationLayersCache(work.resolve("jib-app-cache"))
                        .setToolName("transferlab-images"));
        return out;
    }

    JibContainerBuilder define(JibContainerBuilder builder, Path quarkusApp) throws Exception {
        if (!Files.isRegularFile(quarkusApp.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(quarkusApp + " holds no packaged service (mvn package first)");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", "transferlab-" + service);
        labels.put("org.opencontainers.image.version", version);
        labels.put("org.opencontainers.image.description", "TransferLab " + service);
        labels.put("org.opencontainers.image.licenses", "Apache-2.0");
        labels.put("org.opencontainers.image.base.name", base);
        FileEntriesLayer.Builder jars = FileEntriesLayer.builder().setName("launcher");
        try (var files = Files.list(quarkusApp)) {
            for (Path jar :
                    files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                jars.addEntry(jar, DEPLOYMENTS.resolve(jar.getFileName().toString()));
            }
        }
        if (workDir != null) {
            Path empty = Files.createDirectories(quarkusApp.resolveSibling("image-work-dir"));
            builder.addFileEntriesLayer(FileEntriesLayer.builder()
                            .setName("work")
                            .addEntry(new FileEntry(
                                    empty,
                                    AbsoluteUnixPath.get(workDir),
                                    FilePermissions.fromOctalString("755"),
                                    FileEntriesLayer.DEFAULT_MODIFICATION_TIME,
                                    USER))
                            .build())
                    .addVolume(AbsoluteUnixPath.get(workDir));
        }
        env.forEach(builder::addEnvironmentVariable);
        return builder.setFormat(ImageFormat.Docker)
                .addFileEntriesLayer(tree("lib", quarkusApp.resolve("lib"), DEPLOYMENTS.resolve("lib")))
                .addFileEntriesLayer(jars.build())
                .addFileEntriesLayer(tree("app", quarkusApp.resolve("app"), DEPLOYMENTS.resolve("app")))
                .addFileEntriesLayer(tree("quarkus", quarkusApp.resolve("quarkus"), DEPLOYMENTS.resolve("quarkus")))
                .addEnvironmentVariable("LANG", "C.UTF-8")
                .addEnvironmentVariable("JAVA_OPTS", javaOpts)
                .addEnvironmentVariable("QUARKUS_HTTP_PORT", Integer.toString(port))
                .setWorkingDirectory(DEPLOYMENTS)
                .setExposedPorts(Set.of(Port.tcp(port)))
                .setLabels(labels)
                .setUser(USER)
                .setEntrypoint(ENTRYPOINT);
    }

    private static FileEntriesLayer tree(String name, Path source, AbsoluteUnixPath target) throws Exception {
        return FileEntriesLayer.builder()
                .setName(name)
                .addEntryRecursive(source, target)
                .build();
    }
}

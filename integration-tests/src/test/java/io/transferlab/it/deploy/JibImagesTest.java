package io.transferlab.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coordinator and analytics images, built by Jib from the packaged services into docker-loadable tarballs
 * ({@code target/images/<service>.tar}) on the local runtime base (no registry here; with
 * {@code -Dtransferlab.images.base=eclipse-temurin:17.0.15_6-jre-jammy} the same definition builds on the
 * Temurin image), then read back: what the chart and the Dockerfiles promise is in their config.
 */
class JibImagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OUT = ProjectLayout.root().resolve("integration-tests/target/images");
    private static final String BASE = System.getProperty("transferlab.images.base", ServiceImage.LOCAL_BASE);
    private static final String VERSION = "0.1.0";
    private static final Map<String, Image> IMAGES = new HashMap<>();

    record Image(JsonNode config, List<String> repoTags, Set<String> files) {}

    @BeforeAll
    static void build() throws Exception {
        for (ServiceImage image : List.of(
                ServiceImage.coordinator(VERSION, BASE),
                ServiceImage.analytics(VERSION, BASE),
                ServiceImage.trainer(VERSION, BASE))) {
            Path tar = image.buildTarball(
                    ProjectLayout.service(image.service()).resolve("target/quarkus-app"),
                    OUT.resolve(image.service() + ".tar"),
                    OUT.resolve("work"));
            IMAGES.put(image.service(), read(tar));
        }
    }

    @Test
    void theCoordinatorRunsAsTheChartsUserOnItsPort() {
        assertImage("coordinator", 8081);
    }

    @Test
    void theAnalyticsRunsAsTheChartsUserOnItsPort() {
        assertImage("analytics", 8083);
    }

    @Test
    void theTrainerCarriesNd4jsNativeLibrariesAndAWorkVolumeOfItsOwn() {
        assertImage("trainer", 8082);
        Image trainer = IMAGES.get("trainer");
        JsonNode config = trainer.config().path("config");
        assertThat(texts(config.path("Env")))
                .contains(
                        "TRANSFERLAB_TRAINER_WORK_DIR=" + ServiceImage.TRAINER_WORK_DIR,
                        "JAVA_TOOL_OPTIONS=-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp");
        assertThat(config.path("Volumes").has(ServiceImage.TRAINER_WORK_DIR)).isTrue();
        assertThat(trainer.files()).contains(ServiceImage.TRAINER_WORK_DIR.substring(1) + "/");
        assertThat(trainer.files()).anyMatch(f -> f.startsWith("deployments/lib/") && f.contains("nd4j-native"));
    }

    @Test
    void theLocalBaseCarriesAJavaRuntimeAndAShell() {
        if (!ServiceImage.LOCAL_BASE.equals(BASE)) {
            return; // a registry base brings its own
        }
        assertThat(IMAGES.get("coordinator").files())
                .contains(
                        "opt/java/openjdk/bin/java",
                        "bin/sh",
                        "lib64/ld-linux-x86-64.so.2",
                        "lib/x86_64-linux-gnu/libc.so.6",
                        "tmp/");
        assertThat(IMAGES.get("coordinator").config().path("config").path("Env").toString())
                .contains("JAVA_HOME=/opt/java/openjdk", "PATH=/opt/java/openjdk/bin:");
    }

    private static void assertImage(String service, int port) {
        Image image = IMAGES.get(service);
        JsonNode config = image.config().path("config");
        assertThat(image.repoTags()).containsExactly("transferlab/" + service + ":" + VERSION);
        assertThat(config.path("User").asText()).isEqualTo(ServiceImage.USER);
        assertThat(texts(config.path("Entrypoint"))).isEqualTo(ServiceImage.ENTRYPOINT);
        assertThat(config.path("ExposedPorts").has(port + "/tcp")).isTrue();
        assertThat(config.path("ExposedPorts").size()).isEqualTo(1);
        assertThat(config.path("WorkingDir").asText()).isEqualTo("/deployments");
        assertThat(texts(config.path("Env")))
                .contains("QUARKUS_HTTP_PORT=" + port, "LANG=C.UTF-8")
                .anyMatch(e -> e.startsWith("JAVA_OPTS=-XX:MaxRAMPercentage="));
        assertThat(config.path("Labels").path("org.opencontainers.image.title").asText())
                .isEqualTo("transferlab-" + service);
        assertThat(config.path("Labels")
                        .path("org.opencontainers.image.version")
                        .asText())
                .isEqualTo(VERSION);
        assertThat(image.files())
                .contains(
                        "deployments/quarkus-run.jar",
                        "deployments/lib/",
                        "deployments/app/",
                        "deployments/quarkus/quarkus-application.dat");
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    /** The tarball's manifest, config and the paths in all its layers (directories end with '/'). */
    private static Image read(Path tarball) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(tarball))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                entries.put(entry.getName(), tar.readAllBytes());
            }
        }
        JsonNode manifest = JSON.readTree(entries.get("manifest.json")).get(0);
        JsonNode config = JSON.readTree(entries.get(manifest.path("Config").asText()));
        Set<String> files = new HashSet<>();
        for (JsonNode layer : manifest.path("Layers")) {
            try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(entries.get(layer.asText())));
                    TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
                for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                    String name = entry.getName().replaceFirst("^\\./", "").replaceFirst("^/", "");
                    files.add(entry.isDirectory() && !name.endsWith("/") ? name + "/" : name);
                }
            }
        }
        return new Image(config, texts(manifest.path("RepoTags")), files);
    }
}

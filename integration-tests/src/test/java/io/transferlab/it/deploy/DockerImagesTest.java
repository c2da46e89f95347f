package io.transferlab.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Dockerfiles cannot be built here (no Docker engine); what can be checked is that they are pinned,
 * non-root, copy the fast-jar layers in cache-friendly order, and that every path they copy exists in the
 * packaged service.
 */
class DockerImagesTest {
    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)");
    private static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(?!--from)(?:--\\S+\\s+)*(\\S+)\\s+(\\S+)\\s*$");
    private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\S+)");
    private static final Pattern ENV_KEY =
            Pattern.compile("(?m)(?:^ENV\\s+|^\\s+)((?:TRANSFERLAB|QUARKUS|KAFKA)_[A-Z0-9_]+)=");
    private static final List<String> LAYER_ORDER = List.of(
            "target/quarkus-app/lib/",
            "target/quarkus-app/*.jar",
            "target/quarkus-app/app/",
            "target/quarkus-app/quarkus/");

    record Copy(String source, String destination) {}

    private static List<Copy> copies(String dockerfile) {
        List<Copy> copies = new ArrayList<>();
        Matcher m = COPY.matcher(dockerfile);
        while (m.find()) {
            copies.add(new Copy(m.group(1), m.group(2)));
        }
        return copies;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "coordinator.Dockerfile, coordinator",
        "trainer.Dockerfile, trainer",
        "trainer-cuda.Dockerfile, trainer",
        "analytics.Dockerfile, analytics"
    })
    void imageIsPinnedNonRootAndLayeredForTheCache(String file, String service) {
        String dockerfile = ProjectLayout.read(ProjectLayout.docker().resolve(file));

        Matcher from = FROM.matcher(dockerfile);
        List<String> bases = new ArrayList<>();
        while (from.find()) {
            bases.add(from.group(1));
        }
        assertThat(bases)
                .isNotEmpty()
                .allSatisfy(base -> assertThat(base)
                        .as("pinned base image")
                        .matches("[\\w./-]+:[\\w.-]*\\d+\\.\\d+[\\w.-]*")
                        .doesNotContain(":latest"));
        assertThat(bases).anyMatch(b -> b.startsWith("eclipse-temurin:17."));
        if (file.contains("cuda")) {
            // libnd4jcuda.so (CUDA 11.6) needs the .so.11 cuBLAS/cuSOLVER and cuDNN 8 of any CUDA 11.6+ runtime,
            // on an Ubuntu that is still maintained (20.04 left standard support in 2025).
            assertThat(bases)
                    .as("CUDA 11.6+ with cuDNN 8 on a maintained Ubuntu")
                    .anyMatch(b -> b.matches("nvidia/cuda:11\\.[6-8]\\.\\d+-cudnn8-runtime-ubuntu(22|24)\\.04"));
        }
        Matcher user = USER.matcher(dockerfile);
        assertThat(user.find()).as("USER instruction").isTrue();
        assertThat(user.group(1)).doesNotStartWith("root").doesNotStartWith("0");
        assertThat(copies(dockerfile)).extracting(Copy::source).containsExactlyElementsOf(LAYER_ORDER);
        assertThat(ProjectLayout.docker().resolve(file + ".dockerignore")).exists();
        Matcher env = ENV_KEY.matcher(dockerfile);
        while (env.find()) {
            assertThat(ConfigKeys.envNames())
                    .as("ENV %s is a config key", env.group(1))
                    .contains(env.group(1));
        }
        assertThat(dockerfile)
                .contains("EXPOSE "
                        + switch (service) {
                            case "coordinator" -> 8081;
                            case "trainer" -> 8082;
                            default -> 8083;
                        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "coordinator.Dockerfile, coordinator",
        "trainer.Dockerfile, trainer",
        "trainer-cuda.Dockerfile, trainer",
        "analytics.Dockerfile, analytics"
    })
    void everyCopiedPathExistsInThePackagedService(String file, String service) throws Exception {
        Path context = ProjectLayout.service(service);
        Path app = context.resolve("target/quarkus-app");
        assumeTrue(
                Files.isRegularFile(app.resolve("quarkus-run.jar")),
                () -> "SKIPPED: " + app + " is not packaged yet (run mvn package for " + service
                        + " first; the reactor builds the services before integration-tests)");

        for (Copy copy : copies(ProjectLayout.read(ProjectLayout.docker().resolve(file)))) {
            if (copy.source().contains("*")) {
                PathMatcher glob = context.getFileSystem().getPathMatcher("glob:" + copy.source());
                try (Stream<Path> files = Files.walk(context.resolve("target"), 2)) {
                    assertThat(files.map(context::relativize)
                                    .filter(glob::matches)
                                    .toList())
                            .as("%s matches files", copy.source())
                            .isNotEmpty();
                }
            } else {
                Path source = context.resolve(copy.source());
                assertThat(source).as("%s copies %s", file, copy.source()).exists();
                if (copy.source().endsWith("/")) {
                    assertThat(source).isDirectory().isNotEmptyDirectory();
                }
            }
        }
        // The launcher jar references its dependencies under lib/: the image keeps that layout.
        assertThat(app.resolve("lib/main")).isDirectory();
        assertThat(app.resolve("lib/boot")).isDirectory();
    }
}

package io.transferlab.it.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the deployment files and the services' sources live, seen from the integration-tests module. */
public final class ProjectLayout {
    public static final List<String> SERVICES = List.of("coordinator", "trainer", "analytics");

    private static final Path ROOT = findRoot();

    private ProjectLayout() {}

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("helm/transferlab")) && Files.isRegularFile(p.resolve("docs/DESIGN.md"))) {
                return p;
            }
        }
        throw new IllegalStateException("no TransferLab checkout above " + dir);
    }

    public static Path root() {
        return ROOT;
    }

    public static Path chart() {
        return ROOT.resolve("helm/transferlab");
    }

    public static Path docker() {
        return ROOT.resolve("docker");
    }

    public static Path design() {
        return ROOT.resolve("docs/DESIGN.md");
    }

    public static Path dashboard() {
        return chart().resolve("dashboards/transferlab.json");
    }

    public static Path service(String name) {
        return ROOT.resolve("services").resolve(name);
    }

    /** The service's main Java sources, or empty when the service has none yet. */
    public static List<Path> mainSources(String service) {
        Path src = service(service).resolve("src/main/java");
        if (!Files.isDirectory(src)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(src)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

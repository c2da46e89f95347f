package io.transferlab.launcher.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** A project folder whose services/<name>/target/quarkus-app/quarkus-run.jar run {@link FakeService}. */
final class FakeProject {

    private FakeProject() {}

    static Path create(Path dir) throws IOException {
        Path classes = Path.of(FakeService.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
        for (String service : StackConfig.SERVICES) {
            Path jar = dir.resolve("services").resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
            Files.createDirectories(jar.getParent());
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
            manifest.getMainAttributes()
                    .put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
            try (OutputStream out = Files.newOutputStream(jar);
                    JarOutputStream ignored = new JarOutputStream(out, manifest)) {
                // the manifest is all it needs
            }
        }
        return dir;
    }
}

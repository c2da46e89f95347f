package io.transferlab.it.deploy;

import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * A Java runtime image made on this machine, for building the service images where no registry answers: a
 * JRE jlinked from the running JDK at the path of the Temurin images ({@code /opt/java/openjdk}), the C
 * libraries it loads and {@code /bin/sh}, on an empty image. It stands in for {@link ServiceImage#REGISTRY_BASE}
 * with the same {@code JAVA_HOME} and {@code PATH}.
 */
final class LocalRuntimeBase {
    static final String JAVA_HOME = "/opt/java/openjdk";
    private static final String MODULES = String.join(
            ",",
            "java.base",
            "java.desktop",
            "java.instrument",
            "java.logging",
            "java.management",
            "java.naming",
            "java.net.http",
            "java.scripting",
            "java.security.jgss",
            "java.security.sasl",
            "java.sql",
            "java.xml",
            "jdk.crypto.ec",
            "jdk.management",
            "jdk.naming.dns",
            "jdk.unsupported",
            "jdk.zipfs");
    private static final List<String> LIBRARIES = List.of(
            "libc.so.6",
            "libm.so.6",
            "libdl.so.2",
            "libpthread.so.0",
            "librt.so.1",
            "libz.so.1",
            "libgcc_s.so.1",
            "libstdc++.so.6");
    private static final Path LIB_DIR = Path.of("/lib/x86_64-linux-gnu");

    private LocalRuntimeBase() {}

    static JibContainerBuilder builder(Path work) throws IOException {
        Path jre = jlink(work.resolve("jre"));
        FileEntriesLayer.Builder runtime = FileEntriesLayer.builder().setName("runtime");
        try (Stream<Path> files = Files.walk(jre)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                runtime.addEntry(new FileEntry(
                        file,
                        AbsoluteUnixPath.get(JAVA_HOME)
                                .resolve(jre.relativize(file).toString()),
                        Files.isExecutable(file)
                                ? FilePermissions.fromOctalString("755")
                                : FilePermissions.DEFAULT_FILE_PERMISSIONS,
                        FileEntriesLayer.DEFAULT_MODIFICATION_TIME,
                        "0:0"));
            }
        }
        for (String library : LIBRARIES) {
            runtime.addEntry(
                    LIB_DIR.resolve(library).toRealPath(),
                    AbsoluteUnixPath.get(LIB_DIR.toString()).resolve(library),
                    FilePermissions.fromOctalString("755"));
        }
        runtime.addEntry(
                LIB_DIR.resolve("ld-linux-x86-64.so.2").toRealPath(),
                AbsoluteUnixPath.get("/lib64/ld-linux-x86-64.so.2"),
                FilePermissions.fromOctalString("755"));
        runtime.addEntry(
                Path.of("/bin/sh").toRealPath(),
                AbsoluteUnixPath.get("/bin/sh"),
                FilePermissions.fromOctalString("755"));
        Path tmp = Files.createDirectories(work.resolve("empty-tmp"));
        runtime.addEntry(new FileEntry(
                tmp,
                AbsoluteUnixPath.get("/tmp"),
                FilePermissions.fromOctalString("777"),
                FileEntriesLayer.DEFAULT_MODIFICATION_TIME,
                "0:0"));
        return Jib.fromScratch()
                .addFileEntriesLayer(runtime.build())
                .addEnvironmentVariable("JAVA_HOME", JAVA_HOME)
                .addEnvironmentVariable(
                        "PATH", JAVA_HOME + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    }

    private static Path jlink(Path out) throws IOException {
        if (Files.isExecutable(out.resolve("bin/java"))) {
            return out;
        }
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new IllegalStateException("no jlink"));
        Files.createDirectories(out.getParent());
        int status = jlink.run(
                System.out,
                System.err,
                "--add-modules",
                MODULES,
                "--strip-debug",
                "--no-man-pages",
                "--no-header-files",
                "--output",
                out.toString());
        if (status != 0) {
            throw new UncheckedIOException(new IOException("jlink exited with " + status));
        }
        return out;
    }
}

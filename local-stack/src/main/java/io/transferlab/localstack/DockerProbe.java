package io.transferlab.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether containers can be used here: Testcontainers on the classpath and a Docker engine that answers. */
public interface DockerProbe {

    /** True when Testcontainers' classes can be loaded. */
    boolean testcontainersPresent();

    /** True when a Docker engine answers (only asked when Testcontainers is present). */
    boolean dockerAnswers();

    /**
     * The real probe. Looks for a socket or {@code DOCKER_HOST} first, so that a machine without Docker
     * answers at once and without Testcontainers' error logging.
     */
    static DockerProbe system() {
        return new DockerProbe() {
            @Override
            public boolean testcontainersPresent() {
                try {
                    Class.forName("org.testcontainers.DockerClientFactory", false, LocalStack.class.getClassLoader());
                    return true;
                } catch (ClassNotFoundException | LinkageError e) {
                    return false;
                }
            }

            @Override
            public boolean dockerAnswers() {
                String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
                boolean hint = System.getenv("DOCKER_HOST") != null
                        || Files.exists(Path.of("/var/run/docker.sock"))
                        || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"))
                        || (runtimeDir != null && Files.exists(Path.of(runtimeDir, "docker.sock")));
                if (!hint) {
                    return false;
                }
                try {
                    return io.transferlab.localstack.containers.Containers.dockerAvailable();
                } catch (RuntimeException | LinkageError e) {
                    return false;
                }
            }
        };
    }
}

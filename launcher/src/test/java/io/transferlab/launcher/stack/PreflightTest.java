package io.transferlab.launcher.stack;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transferlab.launcher.LauncherException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {

    @Test
    void tooOldJavaSaysWhatToInstall() {
        assertThatThrownBy(() -> Preflight.requireJava(11))
                .isInstanceOf(LauncherException.class)
                .hasMessageContaining("Java 17 or newer is needed, this is Java 11")
                .hasMessageContaining("openjdk-17");
        assertThatCode(() -> Preflight.requireJava(17)).doesNotThrowAnyException();
    }

    @Test
    void missingDatasetSaysHowToGetIt(@TempDir Path dataDir) {
        assertThatThrownBy(() -> Preflight.requireFashionMnist(dataDir))
                .isInstanceOf(LauncherException.class)
                .hasMessageContaining("sudo apt-get install dataset-fashion-mnist")
                .hasMessageContaining("github.com/zalandoresearch/fashion-mnist")
                .hasMessageContaining(dataDir.resolve("fashion-mnist").toString());
    }

    @Test
    void gzippedOrPlainDatasetFilesAreFound(@TempDir Path dataDir) throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("fashion-mnist"));
        Files.writeString(dir.resolve("train-images-idx3-ubyte.gz"), "x");
        Files.writeString(dir.resolve("train-labels-idx1-ubyte.gz"), "x");
        Files.writeString(dir.resolve("t10k-images-idx3-ubyte"), "x");
        assertThatThrownBy(() -> Preflight.requireFashionMnist(dataDir)).hasMessageContaining("t10k-labels-idx1-ubyte");

        Files.writeString(dir.resolve("t10k-labels-idx1-ubyte"), "x");
        assertThatCode(() -> Preflight.requireFashionMnist(dataDir)).doesNotThrowAnyException();
    }

    @Test
    void aPortInUseIsNamed() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            assertThatThrownBy(() -> Preflight.requirePortFree(socket.getLocalPort(), "coordinator"))
                    .isInstanceOf(LauncherException.class)
                    .hasMessageContaining("Port " + socket.getLocalPort() + " (coordinator) is already in use");
        }
    }

    @Test
    void unbuiltServicesAreNamedBeforeAnythingStarts(@TempDir Path project) {
        StackConfig config = new StackConfig(
                project,
                project.resolve(".transferlab"),
                0,
                0,
                0,
                0,
                0,
                project,
                Duration.ofSeconds(5),
                Map.of(),
                true);

        assertThatThrownBy(() -> Stack.start(config, line -> {}))
                .isInstanceOf(LauncherException.class)
                .hasMessageContaining("The coordinator service is not built")
                .hasMessageContaining("mvn -B package -DskipTests");
    }
}

package io.transferlab.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirTest {

    @Test
    void stateFileRoundTrips(@TempDir Path dir) {
        StateDir state = new StateDir(dir.resolve("state"));
        state.writePid(42);
        state.writeEnv(new java.util.LinkedHashMap<>(Map.of("KAFKA_BOOTSTRAP", "127.0.0.1:9092")));

        assertThat(state.supervisorPid()).contains(42L);
        assertThat(state.env()).containsEntry("KAFKA_BOOTSTRAP", "127.0.0.1:9092");
        state.clear();
        assertThat(state.supervisorPid()).isEmpty();
        assertThat(state.env()).isEmpty();
    }
}

package io.transferlab.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's state files, and the settings it prints, keep secrets where they belong. */
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

    @Test
    void theEnvFileThatHoldsTheSecretIsReadableByItsOwnerOnlyEvenWhenRewritten(@TempDir Path dir) throws Exception {
        StateDir state = new StateDir(dir.resolve("state"));
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        state.writeEnv(Map.of("S3_SECRET_KEY", "first"));
        assertThat(Files.getPosixFilePermissions(state.envFile())).isEqualTo(ownerOnly);

        Files.setPosixFilePermissions(state.envFile(), PosixFilePermissions.fromString("rw-r--r--"));
        state.writeEnv(Map.of("S3_SECRET_KEY", "second"));
        assertThat(Files.getPosixFilePermissions(state.envFile())).isEqualTo(ownerOnly);
        assertThat(state.env()).containsEntry("S3_SECRET_KEY", "second");
    }

    @Test
    void aServiceSpecAndAStackConfigShowNoSecretInTheirText(@TempDir Path dir) {
        Map<String, String> env = Map.of(
                "TRANSFERLAB_S3_SECRET_KEY",
                "s3-secret-value",
                "KAFKA_SASL_JAAS_CONFIG",
                "PlainLoginModule required password=\"sasl-secret-value\";",
                "KAFKA_BOOTSTRAP_SERVERS",
                "broker:9092");
        ServiceSpec spec = ServiceSpec.quarkus(
                "trainer", dir.resolve("quarkus-run.jar"), List.of("-Xmx1g"), env, 8082, dir.resolve("trainer.log"));
        StackConfig config = StackConfig.defaults(dir).withExtraEnv(env);

        for (String text : List.of(spec.toString(), config.toString())) {
            assertThat(text)
                    .doesNotContain("s3-secret-value")
                    .doesNotContain("sasl-secret-value")
                    .contains("TRANSFERLAB_S3_SECRET_KEY=<redacted>")
                    .contains("broker:9092");
        }
        assertThat(spec.environment()).containsEntry("TRANSFERLAB_S3_SECRET_KEY", "s3-secret-value");
    }
}

package io.transferlab.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transferlab.localstack.LocalStack.Mode;
import org.junit.jupiter.api.Test;

/** Which path the shared infrastructure takes, with a stand-in for "Docker answers" / "does not answer". */
class InfrastructureTest {

    private static DockerProbe probe(boolean testcontainers, boolean docker) {
        return new DockerProbe() {
            @Override
            public boolean testcontainersPresent() {
                return testcontainers;
            }

            @Override
            public boolean dockerAnswers() {
                if (!testcontainers) {
                    throw new AssertionError("Docker must not be asked without Testcontainers");
                }
                return docker;
            }
        };
    }

    @Test
    void autoUsesContainersWhereDockerAnswers() {
        Infrastructure chosen = Infrastructure.choose(Mode.AUTO, probe(true, true));

        assertThat(chosen.containers()).isTrue();
        assertThat(chosen.describe())
                .startsWith("local-stack: Kafka and S3 run in containers (apache/kafka:")
                .contains("quay.io/minio/minio:RELEASE.")
                .endsWith("because a Docker engine answers");
    }

    @Test
    void autoUsesChildProcessesWhereDockerDoesNotAnswer() {
        Infrastructure chosen = Infrastructure.choose(Mode.AUTO, probe(true, false));

        assertThat(chosen.containers()).isFalse();
        assertThat(chosen.describe())
                .isEqualTo(
                        "local-stack: Kafka (KRaft) and S3 (S3Proxy) run as child processes because no Docker engine answers");
    }

    @Test
    void autoUsesChildProcessesWithoutTestcontainers() {
        assertThat(Infrastructure.choose(Mode.AUTO, probe(false, false)).reason())
                .isEqualTo("Testcontainers is not on the classpath");
    }

    @Test
    void processModeIgnoresDocker() {
        assertThat(Infrastructure.choose(Mode.PROCESS, probe(true, true)).containers())
                .isFalse();
    }

    @Test
    void containerModeWithoutTestcontainersIsAClearError() {
        assertThat(Infrastructure.choose(Mode.CONTAINER, probe(true, false)).containers())
                .isTrue();
        assertThatThrownBy(() -> Infrastructure.choose(Mode.CONTAINER, probe(false, false)))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("testcontainers-kafka");
    }

    @Test
    void thisModuleDeclaresTestcontainersSoOnlyDockerDecides() {
        assertThat(DockerProbe.system().testcontainersPresent()).isTrue();
        assertThat(LocalStack.useContainers())
                .isEqualTo(LocalStack.requestedMode() == Mode.CONTAINER
                        || LocalStack.requestedMode() == Mode.AUTO
                                && DockerProbe.system().dockerAnswers());
    }
}

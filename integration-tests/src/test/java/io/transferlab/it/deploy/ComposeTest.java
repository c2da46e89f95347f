package io.transferlab.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.TopicPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docker/compose.yaml: real config keys, health checks and start order, the shared dashboard. */
class ComposeTest {
    private static final Set<String> APPLICATIONS = Set.of("coordinator", "trainer", "analytics");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        // SnakeYAML resolves the merge keys (<<) compose uses for shared environment blocks.
        Map<String, Object> compose =
                new Yaml().load(ProjectLayout.read(ProjectLayout.docker().resolve("compose.yaml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        return (Map<String, Object>) service.getOrDefault("environment", Map.of());
    }

    @Test
    void theApplicationsEnvironmentKeysAreRealConfigKeys() {
        Set<String> known = ConfigKeys.envNames();
        Map<String, Map<String, Object>> services = services();

        assertThat(services)
                .containsKeys("kafka", "minio", "coordinator", "trainer", "analytics", "prometheus", "grafana");
        for (String name : APPLICATIONS) {
            Map<String, Object> env = environment(services.get(name));
            assertThat(env).as("%s environment", name).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_HTTP_PORT");
            assertThat(env.keySet().stream()
                            .filter(k -> !ConfigKeys.RUNTIME_ENV.contains(k))
                            .toList())
                    .as("%s environment keys are config keys %s", name, known)
                    .isSubsetOf(known);
        }
        assertThat(environment(services.get("trainer")))
                .containsKeys(
                        "TRANSFERLAB_S3_ENDPOINT",
                        "TRANSFERLAB_S3_ACCESS_KEY",
                        "TRANSFERLAB_S3_SECRET_KEY",
                        "TRANSFERLAB_S3_BUCKET");
    }

    @Test
    void theTopicsJobSetsEveryTopicsRetentionAndCleanupPolicyAsTheContractsSay() {
        String script = String.valueOf(services().get("kafka-topics").get("command"));

        for (TopicPolicy policy : TopicPolicy.ALL) {
            assertThat(script)
                    .as("%s", policy)
                    .containsPattern(policy.topic().replace(".", "\\.") + ":\\d+:" + policy.cleanupPolicy() + ":"
                            + policy.retentionMs() + "[ ;\\\\]");
        }
        assertThat(script)
                .contains(
                        "--add-config \"$$settings\"",
                        "settings=\"cleanup.policy=$$policy,retention.ms=$$retention\"",
                        "segment.ms=3600000,min.cleanable.dirty.ratio=0.1");
    }

    @Test
    void servicesStartInOrderOnceTheirDependenciesAreHealthy() {
        Map<String, Map<String, Object>> services = services();
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            Object dependsOn = service.getValue().get("depends_on");
            if (dependsOn == null) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Map<String, String>> conditions = (Map<String, Map<String, String>>) dependsOn;
            conditions.forEach((dependency, condition) -> {
                Map<String, Object> target = services.get(dependency);
                assertThat(target)
                        .as("%s depends on %s", service.getKey(), dependency)
                        .isNotNull();
                String expected =
                        target.containsKey("healthcheck") ? "service_healthy" : "service_completed_successfully";
                assertThat(condition)
                        .as("%s -> %s", service.getKey(), dependency)
                        .containsEntry("condition", expected);
            });
        }
        for (String name : List.of("kafka", "minio", "coordinator", "trainer", "analytics", "prometheus", "grafana")) {
            assertThat(services.get(name)).as("%s health check", name).containsKey("healthcheck");
        }
        assertThat(services.get("trainer").get("depends_on").toString()).contains("kafka-topics", "minio-bucket");
        assertThat(services.get("kafka").get("image").toString()).matches("apache/kafka:\\d+\\.\\d+\\.\\d+");
        assertThat(services.get("kafka").get("environment").toString())
                .contains("KAFKA_PROCESS_ROLES=broker,controller");
    }

    @Test
    void imagesAreBuiltFromTheServicesWithTheirDockerfiles() {
        Path docker = ProjectLayout.docker();
        for (String name : APPLICATIONS) {
            @SuppressWarnings("unchecked")
            Map<String, String> build =
                    (Map<String, String>) services().get(name).get("build");
            Path context = docker.resolve(build.get("context")).normalize();
            assertThat(context).isEqualTo(ProjectLayout.service(name));
            assertThat(context.resolve(build.get("dockerfile")).normalize())
                    .isEqualTo(docker.resolve(name + ".Dockerfile"));
        }
    }

    @Test
    void prometheusScrapesEveryServiceAndGrafanaProvisionsTheChartsDashboard() {
        String prometheus = ProjectLayout.read(ProjectLayout.docker().resolve("prometheus.yml"));
        assertThat(prometheus)
                .contains("coordinator:8081", "trainer:8082", "analytics:8083", "metrics_path: /q/metrics");

        @SuppressWarnings("unchecked")
        List<String> volumes = (List<String>) services().get("grafana").get("volumes");
        String dashboards = volumes.stream()
                .filter(v -> v.contains("dashboards"))
                .findFirst()
                .orElseThrow();
        Path mounted = ProjectLayout.docker().resolve(dashboards.split(":")[0]).normalize();
        assertThat(mounted.resolve("transferlab.json")).isEqualTo(ProjectLayout.dashboard());
        String provider =
                ProjectLayout.read(ProjectLayout.docker().resolve("grafana/provisioning/dashboards/transferlab.yaml"));
        assertThat(provider).contains("path: " + dashboards.split(":")[1]);
    }

    @Test
    void everyImageIsPinnedToAVersion() {
        services().forEach((name, service) -> {
            String image = String.valueOf(service.get("image"));
            assertThat(image)
                    .as("%s image", name)
                    .matches("[\\w./-]+:[\\w.-]*\\d[\\w.-]*")
                    .doesNotEndWith(":latest");
        });
    }
}

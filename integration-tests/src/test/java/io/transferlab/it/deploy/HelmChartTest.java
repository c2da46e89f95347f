package io.transferlab.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.transferlab.contracts.TopicPolicy;
import io.transferlab.contracts.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** helm lint --strict and helm template of every documented variant, read back as Kubernetes objects. */
class HelmChartTest {
    private static final Map<String, Integer> PORTS = Map.of("coordinator", 8081, "trainer", 8082, "analytics", 8083);

    @TempDir
    Path tmp;

    private static List<HasMetadata> render(ChartVariant variant, Map<String, Object> sets) {
        return Chart.parse(Chart.source().template(variant, sets));
    }

    private static List<HasMetadata> render(ChartVariant variant) {
        return render(variant, Map.of());
    }

    private static Deployment deployment(List<HasMetadata> objects, String component) {
        return Chart.ofKind(objects, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals(Chart.RELEASE + "-transferlab-" + component))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment for " + component));
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, EnvVar> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    }

    @ParameterizedTest
    @EnumSource(ChartVariant.class)
    void lintStrictPassesForEveryVariant(ChartVariant variant) {
        LintResult lint = Chart.copy(variant, tmp.resolve("transferlab"), false).lintStrict();

        assertThat(lint.isFailed())
                .as("helm lint --strict of %s: %s", variant, lint.getMessages())
                .isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @ParameterizedTest
    @EnumSource(ChartVariant.class)
    void everyVariantRendersAsKubernetesObjectsWithProbesAndASafeSecurityContext(ChartVariant variant) {
        List<HasMetadata> objects = render(variant);

        assertThat(objects).allSatisfy(o -> {
            assertThat(o.getApiVersion()).isNotBlank();
            assertThat(o.getMetadata().getName()).isNotBlank();
            assertThat(UnknownFields.of(o))
                    .as("fields the Kubernetes model does not know")
                    .isEmpty();
        });
        assertThat(Chart.ofKind(objects, Deployment.class)).hasSize(3);
        assertThat(Chart.ofKind(objects, Service.class)).hasSize(3);
        assertThat(Chart.ofKind(objects, PodDisruptionBudget.class)).hasSize(3);
        for (String component : PORTS.keySet()) {
            Deployment deployment = deployment(objects, component);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = container(deployment);
            int port = PORTS.get(component);

            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(container.getPorts())
                    .singleElement()
                    .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(port));
            assertThat(env(container).get("QUARKUS_HTTP_PORT").getValue()).isEqualTo(String.valueOf(port));
            assertThat(env(container)).containsKey("KAFKA_BOOTSTRAP_SERVERS");

            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem())
                    .isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation())
                    .isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop())
                    .contains("ALL");
            // A read-only root needs a writable /tmp.
            assertThat(container.getVolumeMounts())
                    .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
            assertThat(pod.getVolumes()).anySatisfy(v -> {
                assertThat(v.getName()).isEqualTo("tmp");
                assertThat(v.getEmptyDir()).isNotNull();
            });
            // Services select exactly the pods of their Deployment.
            Service service = Chart.ofKind(objects, Service.class).stream()
                    .filter(s -> s.getMetadata()
                            .getName()
                            .equals(deployment.getMetadata().getName()))
                    .findFirst()
                    .orElseThrow();
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(service.getSpec().getSelector());
            assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(port);
        }
    }

    @Test
    void defaultTrainersRunOnCpuWithAWritableWorkDir() {
        Deployment trainer = deployment(render(ChartVariant.DEFAULT), "trainer");
        Container container = container(trainer);

        assertThat(container.getImage()).isEqualTo("transferlab/trainer:0.1.0");
        assertThat(container.getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
        assertThat(trainer.getSpec().getReplicas()).isEqualTo(2);
        String workDir = env(container).get("TRANSFERLAB_TRAINER_WORK_DIR").getValue();
        assertThat(container.getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo(workDir));
        assertThat(env(container)
                        .get("TRANSFERLAB_TRAINER_ID")
                        .getValueFrom()
                        .getFieldRef()
                        .getFieldPath())
                .isEqualTo("metadata.name");
    }

    @Test
    void cudaTrainersRequestGpusRunTheCudaImageAndTolerateGpuNodes() {
        Deployment trainer = deployment(render(ChartVariant.CUDA, Map.of("trainer.cuda.gpus", 2)), "trainer");
        Container container = container(trainer);
        PodSpec pod = trainer.getSpec().getTemplate().getSpec();

        assertThat(container.getImage()).isEqualTo("transferlab/trainer:0.1.0-cuda");
        assertThat(container.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("2"));
        assertThat(container.getResources().getLimits()).containsKey("memory");
        assertThat(pod.getNodeSelector()).containsEntry("nvidia.com/gpu.present", "true");
        assertThat(pod.getTolerations()).anySatisfy(t -> assertThat(t.getKey()).isEqualTo("nvidia.com/gpu"));
        assertThat(pod.getRuntimeClassName()).isEqualTo("nvidia");
        // Only the trainers get GPUs.
        assertThat(container(deployment(render(ChartVariant.CUDA), "analytics"))
                        .getResources()
                        .getLimits())
                .doesNotContainKey("nvidia.com/gpu");
    }

    @Test
    void kedaScalesTrainersOnTheLagOfTheTrainingJobsTopic() {
        List<HasMetadata> objects = render(ChartVariant.KEDA);
        GenericKubernetesResource scaled =
                Chart.generic(objects, "ScaledObject").get(0);
        Map<String, Object> spec = scaled.get("spec");
        @SuppressWarnings("unchecked")
        Map<String, Object> trigger = ((List<Map<String, Object>>) spec.get("triggers")).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) trigger.get("metadata");

        assertThat(scaled.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
        assertThat(trigger).containsEntry("type", "kafka");
        assertThat(metadata)
                .containsEntry("topic", Topics.TRAINING_JOBS)
                .containsEntry("consumerGroup", "transferlab-trainer")
                .containsEntry("bootstrapServers", "kafka:9092")
                .containsEntry("lagThreshold", "2");
        assertThat(spec).containsEntry("maxReplicaCount", 12);
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) spec.get("scaleTargetRef");
        Deployment trainer = deployment(objects, "trainer");
        assertThat(target).containsEntry("name", trainer.getMetadata().getName());
        // KEDA's HPA owns the replica count.
        assertThat(trainer.getSpec().getReplicas()).isNull();
        assertThat(Chart.generic(render(ChartVariant.DEFAULT), "ScaledObject")).isEmpty();
    }

    @Test
    void serviceMonitorsScrapeQuarkusMetricsOfEveryService() {
        List<HasMetadata> objects = render(ChartVariant.SERVICE_MONITOR);
        List<GenericKubernetesResource> monitors = Chart.generic(objects, "ServiceMonitor");

        assertThat(monitors).hasSize(3).allSatisfy(m -> {
            assertThat(m.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
            assertThat(m.getMetadata().getLabels()).containsEntry("release", "prometheus");
            Map<String, Object> spec = m.get("spec");
            @SuppressWarnings("unchecked")
            Map<String, Object> endpoint = ((List<Map<String, Object>>) spec.get("endpoints")).get(0);
            assertThat(endpoint)
                    .containsEntry("path", "/q/metrics")
                    .containsEntry("port", "http")
                    .containsEntry("interval", "15s");
            @SuppressWarnings("unchecked")
            Map<String, String> selector =
                    (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
            Service service = Chart.ofKind(objects, Service.class).stream()
                    .filter(s ->
                            s.getMetadata().getName().equals(m.getMetadata().getName()))
                    .findFirst()
                    .orElseThrow();
            assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(selector);
        });
        assertThat(Chart.generic(render(ChartVariant.DEFAULT), "ServiceMonitor"))
                .isEmpty();
    }

    @Test
    void existingSecretsAreReferencedAndNoSecretIsCreated() {
        List<HasMetadata> objects = render(ChartVariant.EXISTING_SECRET);
        Map<String, EnvVar> trainer = env(container(deployment(objects, "trainer")));

        assertThat(Chart.ofKind(objects, Secret.class)).isEmpty();
        assertThat(trainer.get("TRANSFERLAB_S3_ACCESS_KEY")
                        .getValueFrom()
                        .getSecretKeyRef()
                        .getName())
                .isEqualTo("transferlab-s3");
        assertThat(trainer.get("TRANSFERLAB_S3_SECRET_KEY")
                        .getValueFrom()
                        .getSecretKeyRef()
                        .getKey())
                .isEqualTo("secret-key");
        assertThat(trainer.get("TRANSFERLAB_S3_ENDPOINT").getValue()).isEqualTo("https://s3.example.com");
        assertThat(trainer.get("KAFKA_SECURITY_PROTOCOL").getValue()).isEqualTo("SASL_SSL");
        assertThat(trainer.get("KAFKA_SASL_MECHANISM").getValue()).isEqualTo("SCRAM-SHA-512");
        assertThat(trainer.get("SASL_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("transferlab-kafka-user");
        assertThat(trainer.get("KAFKA_SASL_JAAS_CONFIG").getValue())
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"$(SASL_USERNAME)\" password=\"$(SASL_PASSWORD)\";");
        assertThat(trainer.get("KAFKA_SSL_TRUSTSTORE_LOCATION").getValue())
                .isEqualTo("/etc/transferlab/kafka-ca/ca.crt");
        assertThat(deployment(objects, "trainer")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getVolumes())
                .anyMatch(v -> v.getSecret() != null
                        && "kafka-cluster-ca-cert".equals(v.getSecret().getSecretName()));
    }

    @Test
    void s3CredentialsGoIntoASecretTheChartCreates() {
        List<HasMetadata> objects =
                render(ChartVariant.DEFAULT, Map.of("s3.accessKey", "AKIAEXAMPLE", "s3.secretKey", "s3cr3t"));
        Secret secret = Chart.ofKind(objects, Secret.class).get(0);
        Map<String, EnvVar> trainer = env(container(deployment(objects, "trainer")));

        assertThat(secret.getStringData())
                .containsEntry("access-key", "AKIAEXAMPLE")
                .containsEntry("secret-key", "s3cr3t");
        assertThat(trainer.get("TRANSFERLAB_S3_ACCESS_KEY")
                        .getValueFrom()
                        .getSecretKeyRef()
                        .getName())
                .isEqualTo(secret.getMetadata().getName());
        // The credentials never appear as plain values.
        assertThat(Chart.ofKind(objects, Deployment.class))
                .allSatisfy(d -> assertThat(container(d).getEnv()).noneMatch(e -> "s3cr3t".equals(e.getValue())));
        // Without credentials there is neither a Secret nor a credential variable.
        List<HasMetadata> plain = render(ChartVariant.DEFAULT);
        assertThat(Chart.ofKind(plain, Secret.class)).isEmpty();
        assertThat(env(container(deployment(plain, "trainer")))).doesNotContainKey("TRANSFERLAB_S3_ACCESS_KEY");
    }

    @Test
    void saslWithoutCredentialsFailsWithAClearMessage() {
        assertThatThrownBy(() -> Chart.source().template(ChartVariant.DEFAULT, Map.of("kafka.sasl.enabled", true)))
                .hasMessageContaining("kafka.sasl.username is required");
    }

    @Test
    void schemaRejectsAnUnknownKey() {
        assertThatThrownBy(() -> Chart.source().template(ChartVariant.DEFAULT, Map.of("trainer.gpuCount", 2)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("gpuCount");
        assertThatThrownBy(() -> Chart.source().template(ChartVariant.DEFAULT, Map.of("kafak.bootstrapServers", "x")))
                .hasMessageContaining("kafak");
    }

    @Test
    void schemaRejectsABadType() {
        assertThatThrownBy(() -> Chart.source().template(ChartVariant.DEFAULT, Map.of("trainer.replicas", "many")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("replicas");
        assertThatThrownBy(
                        () -> Chart.source().template(ChartVariant.DEFAULT, Map.of("kafka.sasl.mechanism", "KERBEROS")))
                .hasMessageContaining("mechanism");
    }

    @Test
    void dashboardShipsAsAConfigMapWithTheSidecarLabelFromTheSharedFile() throws Exception {
        ConfigMap dashboard = Chart.ofKind(render(ChartVariant.DEFAULT), ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().endsWith("-dashboard"))
                .findFirst()
                .orElseThrow();

        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(dashboard.getData().get("transferlab.json"))
                .isEqualTo(Files.readString(ProjectLayout.dashboard()).strip());
    }

    @Test
    void topicsJobCreatesEveryContractTopicBeforeInstall() {
        String hooks = ProjectLayout.read(ProjectLayout.chart().resolve("templates/topics-job.yaml"));
        assertThat(hooks).contains("helm.sh/hook: pre-install,pre-upgrade");

        Chart copy = Chart.copy(ChartVariant.DEFAULT, tmp.resolve("transferlab"), true);
        List<HasMetadata> objects = Chart.parse(copy.template(
                ChartVariant.DEFAULT, Map.of("topics.partitions.trainingJobs", 48, "topics.replicationFactor", 3)));
        Job job = Chart.ofKind(objects, Job.class).get(0);
        Container container =
                job.getSpec().getTemplate().getSpec().getContainers().get(0);
        String script = String.join("\n", container.getCommand());

        assertThat(container.getImage()).isEqualTo("apache/kafka:4.1.2");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        for (String topic : Topics.ALL) {
            assertThat(script).containsPattern("(?m)^ensure " + topic.replace(".", "\\.") + " \\d+ ");
        }
        assertThat(script).contains("ensure transferlab.training-jobs 48").contains("--replication-factor 3");
        assertThat(Chart.ofKind(
                        Chart.parse(copy.template(ChartVariant.DEFAULT, Map.of("topics.create", false))), Job.class))
                .isEmpty();
    }

    @Test
    void topicsJobSetsTheRetentionAndCleanupPolicyOfEveryTopicAsTheContractsSay() {
        Chart copy = Chart.copy(ChartVariant.DEFAULT, tmp.resolve("transferlab"), true);
        String script = topicsScript(copy, Map.of());

        assertThat(TopicPolicy.ALL)
                .extracting(TopicPolicy::topic)
                .containsExactlyInAnyOrderElementsOf(Stream.concat(Topics.ALL.stream(), Topics.STATE.stream())
                        .toList());
        for (TopicPolicy policy : TopicPolicy.ALL) {
            assertThat(script)
                    .as("%s", policy)
                    .containsPattern("(?m)^ensure " + policy.topic().replace(".", "\\.") + " \\d+ "
                            + policy.cleanupPolicy() + " " + policy.retentionMs() + "$");
        }
        // Applied on create and again on every upgrade, so an existing topic gets them too.
        assertThat(script)
                .contains("--config \"cleanup.policy=${policy}\" --config \"retention.ms=${retention}\"")
                .contains("configs --alter --entity-type topics --entity-name \"$topic\" --add-config \"$settings\"")
                .contains("segment.ms=3600000,min.cleanable.dirty.ratio=0.1");

        String shorter = topicsScript(copy, Map.of("topics.retentionMs.jobEvents", 86400000));
        assertThat(shorter).contains("ensure transferlab.job-events 6 delete 86400000");
        assertThatThrownBy(() -> Chart.source().template(ChartVariant.DEFAULT, Map.of("topics.retentionMs.scores", 0)))
                .hasMessageContaining("values don't meet the specifications of the schema");
    }

    private static String topicsScript(Chart copy, Map<String, Object> sets) {
        Job job = Chart.ofKind(Chart.parse(copy.template(ChartVariant.DEFAULT, sets)), Job.class)
                .get(0);
        return String.join(
                "\n",
                job.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand());
    }

    @Test
    void theCoordinatorIsASingletonReplacedNotRolled() {
        Deployment coordinator = deployment(render(ChartVariant.DEFAULT), "coordinator");

        assertThat(coordinator.getSpec().getReplicas()).isEqualTo(1);
        assertThat(coordinator.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(deployment(render(ChartVariant.DEFAULT, Map.of("coordinator.replicas", 0)), "coordinator")
                        .getSpec()
                        .getReplicas())
                .isZero();
        assertThatThrownBy(() -> render(ChartVariant.DEFAULT, Map.of("coordinator.replicas", 2)))
                .hasMessageContaining("values don't meet the specifications of the schema");
    }

    @Test
    void theCoordinatorTakesItsDatasetRootsAndBucketsFromTheValues() {
        Map<String, EnvVar> defaults = env(container(deployment(render(ChartVariant.DEFAULT), "coordinator")));
        assertThat(defaults.get("TRANSFERLAB_COORDINATOR_DATASET_ROOTS").getValue())
                .isEqualTo("/usr/share/datasets");
        assertThat(defaults).doesNotContainKey("TRANSFERLAB_COORDINATOR_DATASET_BUCKETS");
        assertThat(defaults.get("TRANSFERLAB_S3_BUCKET").getValue())
                .as("the checkpoint bucket it never accepts")
                .isEqualTo("transferlab");

        Map<String, EnvVar> set = env(container(deployment(
                render(
                        ChartVariant.DEFAULT,
                        Map.of(
                                "coordinator.config.datasetRoots[0]",
                                "/data",
                                "coordinator.config.datasetRoots[1]",
                                "/mnt/sets",
                                "coordinator.config.datasetBuckets[0]",
                                "datasets",
                                "coordinator.config.datasetBuckets[1]",
                                "public-sets",
                                "s3.bucket",
                                "checkpoints")),
                "coordinator")));
        assertThat(set.get("TRANSFERLAB_COORDINATOR_DATASET_ROOTS").getValue()).isEqualTo("/data,/mnt/sets");
        assertThat(set.get("TRANSFERLAB_COORDINATOR_DATASET_BUCKETS").getValue())
                .isEqualTo("datasets,public-sets");
        assertThat(set.get("TRANSFERLAB_S3_BUCKET").getValue()).isEqualTo("checkpoints");

        assertThatThrownBy(() -> render(ChartVariant.DEFAULT, Map.of("coordinator.config.datasetRoots[0]", "data")))
                .as("a relative root")
                .hasMessageContaining("values don't meet the specifications of the schema");
        assertThatThrownBy(() ->
                        render(ChartVariant.DEFAULT, Map.of("coordinator.config.datasetBuckets[0]", "Not_A_Bucket")))
                .hasMessageContaining("values don't meet the specifications of the schema");
        assertThatThrownBy(() -> render(
                        ChartVariant.DEFAULT,
                        Map.of(
                                "coordinator.config.datasetBuckets[0]",
                                "datasets",
                                "coordinator.config.datasetBuckets[1]",
                                "transferlab")))
                .hasMessageContaining("must not name s3.bucket (transferlab)");
    }

    @Test
    void environmentVariablesAreRealConfigKeys() {
        Set<String> known = ConfigKeys.envNames();
        // Kafka client properties, passed by Quarkus to every client from KAFKA_* (kafka.* config).
        Set<String> kafkaClient = Set.of(
                "KAFKA_SECURITY_PROTOCOL",
                "KAFKA_SASL_MECHANISM",
                "KAFKA_SASL_JAAS_CONFIG",
                "KAFKA_SSL_TRUSTSTORE_TYPE",
                "KAFKA_SSL_TRUSTSTORE_LOCATION");
        for (ChartVariant variant : ChartVariant.values()) {
            for (Deployment deployment : Chart.ofKind(render(variant), Deployment.class)) {
                List<EnvVar> env = container(deployment).getEnv();
                String all = env.stream()
                        .map(e -> Optional.ofNullable(e.getValue()).orElse(""))
                        .collect(Collectors.joining("\n"));
                for (EnvVar var : env) {
                    String name = var.getName();
                    boolean expansionHelper = all.contains("$(" + name + ")");
                    assertThat(known.contains(name)
                                    || kafkaClient.contains(name)
                                    || expansionHelper
                                    || name.equals("JAVA_OPTS")
                                    || ConfigKeys.RUNTIME_ENV.contains(name))
                            .as(
                                    "%s of %s (%s) maps to a config key",
                                    name, deployment.getMetadata().getName(), variant)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void chartDefaultsAgreeWithTheServicesDefaults() {
        // Settings that legitimately differ in a cluster: addresses, ports and paths.
        Set<String> deploymentSpecific = Set.of(
                "kafka.bootstrap.servers",
                "quarkus.http.port",
                "transferlab.s3.endpoint",
                "transferlab.trainer.work-dir",
                // jobs side by side follow the pod's CPU request (trainer.config.threadsPerJob x jobs = CPUs)
                "transferlab.trainer.max-concurrent-jobs");
        List<HasMetadata> objects = render(ChartVariant.DEFAULT);
        int compared = 0;
        for (String component : PORTS.keySet()) {
            Map<String, String> defaults = ConfigKeys.defaults(component);
            for (EnvVar var : container(deployment(objects, component)).getEnv()) {
                for (Map.Entry<String, String> d : defaults.entrySet()) {
                    if (ConfigKeys.envName(d.getKey()).equals(var.getName())
                            && var.getValue() != null
                            && !deploymentSpecific.contains(d.getKey())) {
                        assertThat(var.getValue())
                                .as("%s of %s", d.getKey(), component)
                                .isEqualTo(d.getValue());
                        compared++;
                    }
                }
            }
        }
        System.out.printf("chart defaults compared with the services' application.properties: %d%n", compared);
        org.junit.jupiter.api.Assumptions.assumeTrue(compared > 0, "no service has an application.properties yet");
    }

    @Test
    void aMisspelledFieldIsCaughtByTheModelCheck() {
        List<HasMetadata> objects = Chart.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: typo
                spec:
                  template:
                    spec:
                      containers:
                        - name: c
                          readinesProbe:
                            httpGet: {path: /q/health/ready, port: http}
                """);

        assertThat(UnknownFields.of(objects.get(0))).singleElement().asString().contains("readinesProbe");
    }
}

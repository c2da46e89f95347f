package io.transferlab.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the chart promises beyond running the services: alerts, network policy, helm test, safe scale-in, rolls. */
class ChartPromisesTest {
    private static final List<String> SERVICES = List.of("coordinator", "trainer", "analytics");
    /** Series from kube-state-metrics, which every Prometheus Operator stack ships. */
    private static final Set<String> KUBE_STATE_METRICS = Set.of("kube_deployment_status_replicas_ready");

    @TempDir
    Path tmp;

    private static List<HasMetadata> render(ChartVariant variant, Map<String, Object> sets) {
        return Chart.parse(Chart.source().template(variant, sets));
    }

    private static Deployment deployment(List<HasMetadata> objects, String component) {
        return Chart.ofKind(objects, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals(name(component)))
                .findFirst()
                .orElseThrow();
    }

    private static String name(String component) {
        return Chart.RELEASE + "-transferlab-" + component;
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusRuleAlertsOnDeadLettersFailedJobsLagAndNoReadyTrainer() {
        List<GenericKubernetesResource> rules = Chart.generic(render(ChartVariant.ALERTS, Map.of()), "PrometheusRule");

        assertThat(rules).singleElement().satisfies(r -> {
            assertThat(r.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
            assertThat(r.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        });
        Map<String, Object> group =
                ((List<Map<String, Object>>) ((Map<String, Object>) rules.get(0).get("spec")).get("groups")).get(0);
        Map<String, String> alerts = ((List<Map<String, Object>>) group.get("rules"))
                .stream().collect(Collectors.toMap(a -> (String) a.get("alert"), a -> (String) a.get("expr")));

        assertThat(alerts)
                .containsOnlyKeys(
                        "TransferLabDeadLetters",
                        "TransferLabJobsFailed",
                        "TransferLabConsumerLag",
                        "TransferLabNoReadyTrainer");
        Set<String> known = new TreeSet<>(MetricNames.designSeries().keySet());
        known.addAll(KUBE_STATE_METRICS);
        alerts.forEach((alert, expr) -> assertThat(MetricNames.metricsIn(expr))
                .as("metrics of %s", alert)
                .isNotEmpty()
                .isSubsetOf(known));
        assertThat(alerts.get("TransferLabDeadLetters")).contains("coordinator_dead_letters_total");
        assertThat(alerts.get("TransferLabJobsFailed"))
                .contains("trainer_jobs_total")
                .contains("outcome=\"failed\"");
        assertThat(alerts.get("TransferLabNoReadyTrainer"))
                .contains("deployment=\"" + name("trainer") + "\"")
                .contains("namespace=\"transferlab\"");
        assertThat(Chart.generic(render(ChartVariant.DEFAULT, Map.of()), "PrometheusRule"))
                .isEmpty();
    }

    @Test
    void networkPolicyLetsOnlyTheReleaseAndNamedPeersReachTheServices() {
        List<HasMetadata> objects = render(ChartVariant.ALERTS, Map.of());
        List<NetworkPolicy> policies = Chart.ofKind(objects, NetworkPolicy.class);

        assertThat(policies).hasSize(3);
        for (String component : SERVICES) {
            NetworkPolicy policy = policies.stream()
                    .filter(p -> p.getMetadata().getName().equals(name(component)))
                    .findFirst()
                    .orElseThrow();
            assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                    .isEqualTo(deployment(objects, component)
                            .getSpec()
                            .getSelector()
                            .getMatchLabels());
            assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
            List<NetworkPolicyPeer> from = policy.getSpec().getIngress().get(0).getFrom();
            assertThat(from)
                    .hasSize(2)
                    .anySatisfy(p -> {
                        assertThat(p.getPodSelector()).isNotNull();
                        assertThat(p.getPodSelector().getMatchLabels())
                                .containsExactly(Map.entry("app.kubernetes.io/instance", Chart.RELEASE));
                    })
                    .anySatisfy(p -> {
                        assertThat(p.getNamespaceSelector()).isNotNull();
                        assertThat(p.getNamespaceSelector().getMatchLabels())
                                .containsEntry("kubernetes.io/metadata.name", "monitoring");
                    });
            assertThat(policy.getSpec().getIngress().get(0).getPorts())
                    .singleElement()
                    .satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http"));
        }
        assertThat(Chart.ofKind(render(ChartVariant.DEFAULT, Map.of()), NetworkPolicy.class))
                .isEmpty();
    }

    @Test
    void helmTestChecksThatEveryDeployedServiceAnswers() {
        String source = ProjectLayout.read(ProjectLayout.chart().resolve("templates/tests/services-answer.yaml"));
        assertThat(source).contains("helm.sh/hook: test");

        Chart copy = Chart.copy(ChartVariant.ALERTS, tmp.resolve("transferlab"), true);
        List<HasMetadata> objects = Chart.parse(copy.template(ChartVariant.DEFAULT, Map.of()));
        Pod test = Chart.ofKind(objects, Pod.class).get(0);
        Container container = test.getSpec().getContainers().get(0);
        String script = String.join("\n", container.getCommand());

        for (Service service : Chart.ofKind(objects, Service.class)) {
            assertThat(script)
                    .contains("http://" + service.getMetadata().getName() + ":"
                            + service.getSpec().getPorts().get(0).getPort() + "/q/health/ready");
        }
        assertThat(script).contains("set -e");
        assertThat(test.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(test.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getImage()).matches("busybox:\\d+\\.\\d+\\.\\d+");
        // The test pod belongs to the release, so the network policy lets it in.
        assertThat(test.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", Chart.RELEASE);

        String withoutAnalytics = Chart.copy(ChartVariant.DEFAULT, tmp.resolve("other"), true)
                .template(ChartVariant.DEFAULT, Map.of("analytics.enabled", false));
        Pod partial = Chart.ofKind(Chart.parse(withoutAnalytics), Pod.class).get(0);
        assertThat(String.join("\n", partial.getSpec().getContainers().get(0).getCommand()))
                .doesNotContain(name("analytics"))
                .contains(name("trainer"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void kedaScalesInOneTrainerAtATimeAndAStoppingTrainerHasTimeToCheckpoint() {
        List<HasMetadata> objects = render(ChartVariant.KEDA, Map.of());
        Map<String, Object> spec = Chart.generic(objects, "ScaledObject").get(0).get("spec");
        Map<String, Object> scaleDown = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                                ((Map<String, Object>) spec.get("advanced")).get("horizontalPodAutoscalerConfig"))
                        .get("behavior"))
                .get("scaleDown");

        assertThat(scaleDown).containsEntry("stabilizationWindowSeconds", 600).containsEntry("selectPolicy", "Min");
        assertThat((List<Map<String, Object>>) scaleDown.get("policies"))
                .singleElement()
                .satisfies(p -> assertThat(p)
                        .containsEntry("type", "Pods")
                        .containsEntry("value", 1)
                        .containsEntry("periodSeconds", 300));
        long trainerGrace =
                deployment(objects, "trainer").getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertThat(trainerGrace).isEqualTo(600L);
        assertThat(deployment(objects, "coordinator")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getTerminationGracePeriodSeconds())
                .isEqualTo(60L)
                .isLessThan(trainerGrace);
        assertThat(deployment(
                                render(ChartVariant.KEDA, Map.of("trainer.terminationGracePeriodSeconds", 1800)),
                                "trainer")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getTerminationGracePeriodSeconds())
                .isEqualTo(1800L);
    }

    @Test
    void aChangedSecretRollsThePodsThatReadIt() {
        Map<String, String> before = secretChecksums(Map.of("s3.accessKey", "a", "s3.secretKey", "b"));
        Map<String, String> same = secretChecksums(Map.of("s3.accessKey", "a", "s3.secretKey", "b"));
        Map<String, String> after = secretChecksums(Map.of("s3.accessKey", "a", "s3.secretKey", "c"));

        assertThat(before).hasSize(3).allSatisfy((c, sum) -> assertThat(sum).matches("[0-9a-f]{64}"));
        assertThat(same).isEqualTo(before);
        assertThat(after).allSatisfy((component, sum) -> assertThat(sum).isNotEqualTo(before.get(component)));
    }

    private static Map<String, String> secretChecksums(Map<String, Object> sets) {
        List<HasMetadata> objects = render(ChartVariant.DEFAULT, sets);
        Map<String, String> sums = new HashMap<>();
        for (String component : SERVICES) {
            sums.put(
                    component,
                    deployment(objects, component)
                            .getSpec()
                            .getTemplate()
                            .getMetadata()
                            .getAnnotations()
                            .get("checksum/secrets"));
        }
        return sums;
    }
}

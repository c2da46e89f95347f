package io.transferlab.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard queries only metrics of docs/DESIGN.md, under their Prometheus names, and every
 * one of them is registered by the code of the service it belongs to. (Scraping /q/metrics of the running
 * services is the end-to-end suite's job; it can reuse {@link MetricNames#dashboardMetrics()}.)
 */
class DashboardTest {

    @Test
    void extractsMetricNamesFromPromQl() {
        assertThat(MetricNames.metricsIn("sum by (state) (coordinator_jobs{state!=\"done\", x=~\"a|b\"})"))
                .containsExactly("coordinator_jobs");
        assertThat(MetricNames.metricsIn("sum(rate(a_seconds_sum[$__rate_interval])) / sum(rate(a_seconds_count[5m]))"
                        + " * 60 and on (instance) b_total offset 5m"))
                .containsExactly("a_seconds_count", "a_seconds_sum", "b_total");
        assertThat(MetricNames.metricsIn("label_values(analytics_arm_accuracy, experiment)"))
                .containsExactly("analytics_arm_accuracy");
    }

    @Test
    void dashboardIsAGrafanaDashboardWithAPrometheusDatasourceVariable() throws Exception {
        JsonNode dashboard =
                new ObjectMapper().readTree(ProjectLayout.dashboard().toFile());

        assertThat(dashboard.path("uid").asText()).isEqualTo("transferlab");
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        JsonNode datasource = dashboard.path("templating").path("list").get(0);
        assertThat(datasource.path("type").asText()).isEqualTo("datasource");
        assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
        Set<Integer> ids = new TreeSet<>();
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique panel id").isTrue();
            titles.add(panel.path("title").asText());
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            }
        }
        assertThat(titles)
                .contains(
                        "Experiments by state",
                        "Jobs by state",
                        "Job throughput per trainer",
                        "Images per second per trainer",
                        "Epoch duration",
                        "Checkpoint size",
                        "Checkpoint upload time",
                        "Retries, rejections and dead letters",
                        "Consumer lag",
                        "Accuracy by arm and layer cut n",
                        "Effect sizes by layer cut n");
    }

    @Test
    void everyQueriedMetricIsADesignMetricUnderItsPrometheusName() {
        Set<String> queried = MetricNames.dashboardMetrics();
        Map<String, MetricNames.Meter> series = MetricNames.designSeries();

        assertThat(MetricNames.designMeters()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(queried).as("dashboard metrics").isNotEmpty().isSubsetOf(series.keySet());
        // Every DESIGN.md meter is on the dashboard.
        Set<String> shown = new TreeSet<>();
        queried.forEach(q -> shown.add(series.get(q).name()));
        assertThat(shown)
                .containsExactlyInAnyOrderElementsOf(MetricNames.designMeters().keySet());
    }

    @Test
    void everyQueriedMetricIsRegisteredByItsServicesCode() {
        Map<String, MetricNames.Meter> series = MetricNames.designSeries();
        Map<String, List<String>> missing = new LinkedHashMap<>();
        List<String> unchecked = new ArrayList<>();
        int checked = 0;
        for (String metric : MetricNames.dashboardMetrics()) {
            String meter = series.get(metric).name();
            String service = meter.substring(0, meter.indexOf('.'));
            List<Path> sources = ProjectLayout.mainSources(service);
            if (sources.isEmpty()) {
                unchecked.add(meter);
                continue;
            }
            checked++;
            boolean registered =
                    sources.stream().map(ProjectLayout::read).anyMatch(s -> s.contains("\"" + meter + "\""));
            if (!registered) {
                missing.computeIfAbsent(service, s -> new ArrayList<>()).add(meter);
            }
        }
        System.out.printf(
                "dashboard metrics checked against the services' code: %d; services without sources yet: %s%n",
                checked, unchecked);
        assertThat(missing)
                .as("meters the dashboard queries but no service source names as a string literal")
                .isEmpty();
        org.junit.jupiter.api.Assumptions.assumeTrue(
                unchecked.isEmpty(), () -> "SKIPPED in part: no main sources yet for the meters " + unchecked);
    }
}

package io.transferlab.analytics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.transferlab.analytics.fixtures.FixtureExperiment;
import io.transferlab.analytics.ledger.AccuracyMetric;
import io.transferlab.analytics.ledger.IngestOutcome;
import io.transferlab.analytics.ledger.LedgerStore;
import io.transferlab.analytics.ledger.ScoredExperiment;
import io.transferlab.analytics.scoring.ScoringOptions;
import io.transferlab.analytics.service.ExperimentScorer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnalyticsMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AnalyticsMetrics metrics = new AnalyticsMetrics();

    @BeforeEach
    void wire() {
        metrics.registry = registry;
        metrics.register();
    }

    @Test
    void perExperimentGaugesFollowTheScoresAndOldExperimentsAreRemoved() {
        ScoredExperiment first = snapshot("m1", 20);
        metrics.update(first);
        metrics.update(snapshot("m2", 65));
        int perExperiment =
                first.table().arms().size() + first.table().effects().size() + 2;
        assertThat(registry.find(AnalyticsMetrics.ARM_ACCURACY)
                        .tag("experiment", "m1")
                        .gauges())
                .hasSize(first.table().arms().size());
        assertThat(registry.find(AnalyticsMetrics.JOBS_DONE)
                        .tag("experiment", "m1")
                        .gauge()
                        .value())
                .isEqualTo(20);
        assertThat(registry.find(AnalyticsMetrics.JOBS_REMAINING)
                        .tag("experiment", "m1")
                        .gauge()
                        .value())
                .isEqualTo(45);
        long before = registry.getMeters().size();

        ScoredExperiment later = snapshot("m1", 65);
        metrics.update(later);
        assertThat(registry.find(AnalyticsMetrics.JOBS_DONE)
                        .tag("experiment", "m1")
                        .gauge()
                        .value())
                .isEqualTo(65);
        assertThat(registry.getMeters().size())
                .as("more effects once the bases finished")
                .isEqualTo(before
                        - perExperiment
                        + later.table().arms().size()
                        + later.table().effects().size()
                        + 2);

        metrics.retain(List.of("m2"));
        assertThat(registry.find(AnalyticsMetrics.JOBS_DONE)
                        .tag("experiment", "m1")
                        .gauges())
                .isEmpty();
        assertThat(registry.find(AnalyticsMetrics.EFFECT)
                        .tag("experiment", "m1")
                        .gauges())
                .isEmpty();
        assertThat(registry.find(AnalyticsMetrics.JOBS_DONE)
                        .tag("experiment", "m2")
                        .gauges())
                .hasSize(1);
        assertThat(metrics.experimentsWithGauges()).containsExactly("m2");
    }

    @Test
    void countersAndLagExistFromTheStart() {
        assertThat(registry.find(AnalyticsMetrics.EVENTS_INGESTED).counters()).hasSize(IngestOutcome.values().length);
        assertThat(registry.find(AnalyticsMetrics.ANOMALIES).counters()).isNotEmpty();
        metrics.lag(42);
        assertThat(registry.find(AnalyticsMetrics.CONSUMER_LAG).gauge().value()).isEqualTo(42);
        metrics.ingested(IngestOutcome.DUPLICATE);
        assertThat(registry.find(AnalyticsMetrics.EVENTS_INGESTED)
                        .tag("outcome", "duplicate")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    private static ScoredExperiment snapshot(String id, int completions) {
        FixtureExperiment fixture = new FixtureExperiment(id, Instant.parse("2026-01-01T00:00:00Z"));
        LedgerStore store = new LedgerStore(AccuracyMetric.SUMMARY);
        store.apply(fixture.planned());
        fixture.completions().subList(0, completions).forEach(store::apply);
        return new ExperimentScorer(ScoringOptions.defaults())
                .snapshot(store.view(id).orElseThrow());
    }
}

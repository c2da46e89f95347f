package io.transferlab.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.transferlab.analytics.fixtures.FixtureExperiment;
import io.transferlab.analytics.ledger.AccuracyMetric;
import io.transferlab.analytics.ledger.LedgerStore;
import io.transferlab.analytics.scoring.ScoringOptions;
import io.transferlab.contracts.events.ExperimentAccepted;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.ArmScore;
import io.transferlab.contracts.model.DatasetSpec;
import io.transferlab.contracts.model.Direction;
import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.PlannedJob;
import io.transferlab.contracts.model.ScoreTable;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool follows the request's directions: an "a-to-b" experiment pools target B alone. */
class ExperimentScorerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ID = "one-direction";

    private final FixtureExperiment fixture = new FixtureExperiment(ID, T0);
    private final LedgerStore store = new LedgerStore(AccuracyMetric.SUMMARY);
    private final ExperimentScorer scorer = new ExperimentScorer(ScoringOptions.defaults());

    @Test
    void anAToBExperimentPoolsOnlyTargetB() {
        ExperimentRequested request = new ExperimentRequested(
                "req-" + ID,
                T0,
                1,
                ID,
                DatasetSpec.named("fashion-mnist"),
                null,
                null,
                FixtureExperiment.ARMS,
                FixtureExperiment.CUTS,
                Direction.A_TO_B,
                FixtureExperiment.SEEDS,
                null,
                false,
                null,
                null);
        store.apply(new ExperimentAccepted("acc-" + ID, T0.plusMillis(1), 1, ID, "sha256:fixture", request));
        store.apply(fixture.planned());
        List<PlannedJob> jobs = fixture.jobs();
        List<JobCompleted> completions = fixture.completions();

        // First only the base networks: base A (the source of a-to-b) must already stay out of the pool.
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).arm() == Arm.BASE) {
                store.apply(completions.get(i));
            }
        }
        ArmScore base = pooled(table(), Arm.BASE);
        assertThat(base.accuracy().count()).isEqualTo(FixtureExperiment.SEEDS.size());
        assertThat(base.accuracy().mean()).isCloseTo(0.8025, within(1e-12));

        // Then every network that targets B: the pooled rows are the a-to-b rows.
        for (int i = 0; i < jobs.size(); i++) {
            PlannedJob job = jobs.get(i);
            if (job.arm() != null && job.arm() != Arm.BASE && job.targetHalf() == Half.B) {
                store.apply(completions.get(i));
            }
        }
        ScoreTable table = table();
        assertThat(rows(table, "pooled")).isEqualTo(rows(table, "a-to-b")).hasSize(1 + 5 * 3);
        assertThat(pooled(table, Arm.BASE).accuracy().count()).isEqualTo(FixtureExperiment.SEEDS.size());
    }

    private ScoreTable table() {
        return scorer.snapshot(store.view(ID).orElseThrow()).table();
    }

    private static ArmScore pooled(ScoreTable table, Arm arm) {
        return table.arms().stream()
                .filter(a -> a.direction().equals("pooled") && a.arm() == arm)
                .findFirst()
                .orElseThrow();
    }

    private static List<List<?>> rows(ScoreTable table, String direction) {
        return table.arms().stream()
                .filter(a -> a.direction().equals(direction))
                .<List<?>>map(a -> List.of(a.arm(), a.n(), a.accuracy()))
                .toList();
    }
}

package io.transferlab.analytics.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.analytics.fixtures.FixtureExperiment;
import io.transferlab.analytics.report.ReportRenderer;
import io.transferlab.analytics.scoring.NetworkResult;
import io.transferlab.analytics.scoring.ScoringOptions;
import io.transferlab.analytics.service.ExperimentScorer;
import io.transferlab.contracts.events.ExperimentPlanned;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.JobKind;
import io.transferlab.contracts.model.JobResult;
import io.transferlab.contracts.model.PlannedJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Networks pool by the plan's replicate index, and every score output names the rule behind its accuracies. */
class ReplicateAndMetricTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theReplicateIndexOfThePlanIsTheUnitOfPooling() {
        // Replicates over splits: replicate 0 trains with seed 7, replicate 1 with seed 8.
        List<PlannedJob> jobs = List.of(
                job(Arm.BASE, 0, null, 7, 0), job(Arm.TRANSFER, 2, Half.A, 7, 0),
                job(Arm.BASE, 0, null, 8, 1), job(Arm.TRANSFER, 2, Half.A, 8, 1));
        LedgerStore store = new LedgerStore(AccuracyMetric.SUMMARY);
        store.apply(new ExperimentPlanned("plan", T0, 1, "rep", jobs));
        double[] accuracies = {0.80, 0.70, 0.82, 0.71};
        for (int i = 0; i < jobs.size(); i++) {
            store.apply(completion("rep", jobs.get(i), accuracies[i], "best10-last-half", i));
        }
        LedgerView view = store.view("rep").orElseThrow();
        assertThat(view.networks()).extracting(NetworkResult::replicate).containsExactly(0L, 0L, 1L, 1L);
        var snapshot = new ExperimentScorer(ScoringOptions.defaults()).snapshot(view);
        var gap = snapshot.scores()
                .effect("a-to-b", "transfer-gap", 2)
                .orElseThrow()
                .value();
        assertThat(gap.count()).isEqualTo(2);
        assertThat(gap.mean()).isCloseTo(-0.105, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(snapshot.table().accuracyMetric()).isEqualTo("best10-last-half");
        assertThat(ReportRenderer.render(snapshot).html())
                .contains("<code>best10-last-half</code>")
                .contains("among the last half of the validations");
    }

    @Test
    void theMetricNameFollowsTheResultsAndSaysWhenTheyDisagree() {
        FixtureExperiment fixture = new FixtureExperiment("legacy", T0);
        LedgerStore summary = new LedgerStore(AccuracyMetric.SUMMARY);
        fixture.allEvents().forEach(summary::apply);
        assertThat(summary.view("legacy").orElseThrow().accuracyMetric())
                .as("results without a name")
                .isEqualTo("best10-or-all");
        LedgerStore test = new LedgerStore(AccuracyMetric.TEST);
        fixture.allEvents().forEach(test::apply);
        assertThat(test.view("legacy").orElseThrow().accuracyMetric()).isEqualTo("test-top1");

        PlannedJob base = job(Arm.BASE, 0, null, 0, 0);
        PlannedJob transfer = job(Arm.TRANSFER, 1, Half.A, 0, 0);
        LedgerStore mixed = new LedgerStore(AccuracyMetric.SUMMARY);
        mixed.apply(new ExperimentPlanned("plan", T0, 1, "mixed", List.of(base, transfer)));
        mixed.apply(completion("mixed", base, 0.8, "test-top1", 0));
        mixed.apply(completion("mixed", transfer, 0.7, "best10-last-half", 1));
        assertThat(mixed.view("mixed").orElseThrow().accuracyMetric()).isEqualTo("best10-last-half+test-top1");
        assertThat(AccuracyMetric.SUMMARY.ruleOf(
                        new JobResult(0.9, null, null, null, 1, null, null, 1, 1, null, null, null)))
                .as("no summary: the test accuracy is used")
                .isEqualTo("test-top1");
    }

    private static PlannedJob job(Arm arm, int n, Half source, long seed, int replicate) {
        String id = "rep." + arm.wireName() + ".n" + n + ".s" + seed;
        return new PlannedJob(id, JobKind.TRAIN, arm, n, source, Half.B, seed, new ArrayList<>(), replicate);
    }

    private static JobCompleted completion(String experimentId, PlannedJob job, double accuracy, String rule, int i) {
        JobResult result = new JobResult(accuracy, null, accuracy, accuracy, 3, null, null, 10, 10, null, null, rule);
        return new JobCompleted(
                "done-" + experimentId + job.jobId(), T0.plusSeconds(10 + i), 1, experimentId, job.jobId(), 1, result);
    }
}

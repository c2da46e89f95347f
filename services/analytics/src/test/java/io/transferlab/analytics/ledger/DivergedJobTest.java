package io.transferlab.analytics.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.analytics.fixtures.FixtureExperiment;
import io.transferlab.analytics.report.ReportRenderer;
import io.transferlab.analytics.scoring.ScoringOptions;
import io.transferlab.analytics.service.ExperimentScorer;
import io.transferlab.contracts.events.JobFailed;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.JobState;
import io.transferlab.contracts.model.PlannedJob;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A diverged job is never scored, whatever else arrives for it, and is listed on its own. */
class DivergedJobTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final FixtureExperiment fixture = new FixtureExperiment("div", T0);
    private final LedgerStore store = new LedgerStore(AccuracyMetric.SUMMARY);

    @Test
    void aDivergedJobIsNeverScoredAndIsCountedSeparately() {
        PlannedJob transfer = fixture.jobs().stream()
                .filter(j -> j.arm() == Arm.TRANSFER && j.n() == 3 && j.targetHalf() == Half.B && j.seed() == 0)
                .findFirst()
                .orElseThrow();
        JobFailed diverged = new JobFailed(
                "fail-1",
                T0.plusSeconds(5),
                1,
                "div",
                transfer.jobId(),
                1,
                "diverged: training loss is NaN at epoch 1, iteration 3",
                false,
                JobFailed.DIVERGED);
        JobFailed ordinary = new JobFailed(
                "fail-2",
                T0.plusSeconds(6),
                1,
                "div",
                fixture.jobs().get(0).jobId(),
                1,
                "object store unavailable",
                true,
                JobFailed.UNAVAILABLE);
        store.apply(fixture.accepted());
        store.apply(fixture.planned());
        store.apply(diverged);
        store.apply(ordinary);
        for (TransferLabEvent event : fixture.completions()) {
            store.apply(event); // including a completion of the diverged job, as a confused producer might send
        }
        LedgerView view = store.view("div").orElseThrow();

        assertThat(view.diverged()).singleElement().satisfies(d -> {
            assertThat(d.jobId()).isEqualTo(transfer.jobId());
            assertThat(d.arm()).isEqualTo(Arm.TRANSFER);
            assertThat(d.n()).isEqualTo(3);
            assertThat(d.targetHalf()).isEqualTo(Half.B);
            assertThat(d.reason()).contains("NaN");
        });
        assertThat(view.jobStates()).containsEntry(transfer.jobId(), JobState.DIVERGED);
        assertThat(view.jobStates().get(fixture.jobs().get(0).jobId()))
                .as("a retryable failure that later completed")
                .isEqualTo(JobState.SUCCEEDED);
        assertThat(view.results()).extracting(r -> r.job().jobId()).doesNotContain(transfer.jobId());
        assertThat(view.networks()).hasSize(63);
        assertThat(view.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AnomalyKind.DIVERGED_JOB);
            assertThat(a.jobId()).isEqualTo(transfer.jobId());
        });
        assertThat(view.jobsDone()).isEqualTo(64);

        var snapshot = new ExperimentScorer(ScoringOptions.defaults()).snapshot(view);
        assertThat(ReportRenderer.render(snapshot).html())
                .contains("Diverged networks (never scored)")
                .contains("training loss is NaN at epoch 1");
        var scores = snapshot.scores();
        assertThat(scores.arm("a-to-b", Arm.TRANSFER, 3)
                        .orElseThrow()
                        .accuracy()
                        .count())
                .as("only the replicate that did not diverge")
                .isEqualTo(1);
    }

    @Test
    void aFailureOfAnotherKindIsNotDivergence() {
        PlannedJob job = fixture.jobs().get(3);
        store.apply(fixture.accepted());
        store.apply(fixture.planned());
        store.apply(new JobFailed(
                "f", T0.plusSeconds(5), 1, "div", job.jobId(), 1, "bad checkpoint", false, JobFailed.INVALID_INPUT));
        LedgerView view = store.view("div").orElseThrow();
        assertThat(view.diverged()).isEmpty();
        assertThat(view.jobStates()).containsEntry(job.jobId(), JobState.FAILED);
    }
}

package io.transferlab.launcher.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.events.EpochCompleted;
import io.transferlab.contracts.events.ExperimentAccepted;
import io.transferlab.contracts.events.ExperimentCompleted;
import io.transferlab.contracts.events.ExperimentPlanned;
import io.transferlab.contracts.events.ExperimentProgress;
import io.transferlab.contracts.events.ExperimentRejected;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobStarted;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.DatasetSpec;
import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.JobCounts;
import io.transferlab.contracts.model.JobKind;
import io.transferlab.contracts.model.JobResult;
import io.transferlab.contracts.model.PlannedJob;
import io.transferlab.contracts.model.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTrackerTest {

    private final ExperimentRequested request = new ExperimentRequested(
            null,
            null,
            0,
            null,
            DatasetSpec.named("fashion-mnist"),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    @Test
    void followsAnExperimentFromAcceptanceToCompletion() {
        ProgressTracker tracker = new ProgressTracker(request.eventId(), null);

        assertThat(tracker.accept(accepted("other", otherRequest()))).isFalse();
        assertThat(tracker.accept(accepted("exp1", request))).isTrue();
        assertThat(tracker.experimentId()).isEqualTo("exp1");
        assertThat(tracker.phase()).isEqualTo(ProgressTracker.Phase.ACCEPTED);

        tracker.accept(new ExperimentPlanned(
                null,
                null,
                0,
                "exp1",
                List.of(
                        job("exp1.base.n0.-A.s0"),
                        job("exp1.base.n0.-B.s0"),
                        job("exp1.transfer.n1.AB.s0"),
                        job("exp1.transfer.n1.BA.s0"))));
        tracker.accept(new JobStarted(null, null, 0, "exp1", "exp1.base.n0.-A.s0", 1, "trainer-1", "cpu", null));
        assertThat(tracker.render(8)).isEqualTo("[........] 0/4 jobs  exp1.base.n0.-A.s0 starting");

        tracker.accept(new EpochCompleted(
                null, null, 0, "exp1", "exp1.base.n0.-A.s0", 1, 1, 2, 0.9, 0.5, null, 0.01, 300, 1000));
        assertThat(tracker.render(8)).isEqualTo("[........] 0/4 jobs  exp1.base.n0.-A.s0 epoch 1/2 val 50.0%");

        tracker.accept(completed("exp1.base.n0.-A.s0"));
        tracker.accept(new ExperimentProgress(null, null, 0, "exp1", new JobCounts(4, 1, 1, 0, 2, 0, 0)));
        assertThat(tracker.render(8)).isEqualTo("[####....] 2/4 jobs");
        assertThat(tracker.terminal()).isFalse();

        assertThat(tracker.accept(completed("other-experiment.base.n0.-A.s0", "other")))
                .isFalse();
        tracker.accept(new ExperimentCompleted(null, null, 0, "exp1", new JobCounts(4, 0, 0, 0, 4, 0, 0), 1000));

        assertThat(tracker.terminal()).isTrue();
        assertThat(tracker.phase()).isEqualTo(ProgressTracker.Phase.COMPLETED);
        assertThat(tracker.succeededJobs()).isEqualTo(4);
        assertThat(tracker.render(8)).isEqualTo("[########] 4/4 jobs  completed");
    }

    @Test
    void aRejectionOfThisRequestEndsIt() {
        ProgressTracker tracker = new ProgressTracker(request.eventId(), null);
        tracker.accept(new ExperimentRejected(
                null, null, 0, "exp-x", "another-request", List.of(new Problem("arms", "unknown"))));
        assertThat(tracker.terminal()).isFalse();

        tracker.accept(new ExperimentRejected(
                null, null, 0, "exp-x", request.eventId(), List.of(new Problem("layerCuts", "must be within 1..7"))));

        assertThat(tracker.phase()).isEqualTo(ProgressTracker.Phase.REJECTED);
        assertThat(tracker.problems()).extracting(Problem::field).containsExactly("layerCuts");
        assertThat(tracker.experimentId()).isEqualTo("exp-x");
    }

    @Test
    void watchingByIdIgnoresOtherExperiments() {
        ProgressTracker tracker = new ProgressTracker(null, "exp2");

        assertThat(tracker.accept(new ExperimentProgress(null, null, 0, "exp1", new JobCounts(2, 0, 0, 0, 2, 0, 0))))
                .isFalse();
        assertThat(tracker.accept(new ExperimentProgress(null, null, 0, "exp2", new JobCounts(3, 2, 0, 0, 1, 0, 0))))
                .isTrue();
        assertThat(tracker.render(3)).isEqualTo("[#..] 1/3 jobs");
    }

    private ExperimentRequested otherRequest() {
        return new ExperimentRequested(
                null,
                null,
                0,
                null,
                DatasetSpec.named("fashion-mnist"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void aCompletedExperimentTellsItsWallTimeAgainstItsJobsComputeTime() {
        ProgressTracker tracker = new ProgressTracker(request.eventId(), null);
        tracker.accept(accepted("exp1", request));
        tracker.accept(timed("exp1.base.n0.-A.s0", 30_000L, 4_000L, 35_000));
        tracker.accept(timed("exp1.transfer.n1.AB.s0", 20_000L, 2_000L, 23_000));
        tracker.accept(timed("exp1.transfer.n1.AB.s0", 20_000L, 2_000L, 23_000));
        assertThat(tracker.computeShare()).isNull();

        tracker.accept(new ExperimentCompleted(null, null, 0, "exp1", new JobCounts(2, 0, 0, 0, 2, 0, 0), 60_000));

        ComputeShare share = tracker.computeShare();
        assertThat(share.computeSeconds()).isEqualTo(56.0);
        assertThat(share.wallSeconds()).isEqualTo(60.0);
        assertThat(share.line()).isEqualTo("wall_s=60.0 compute_s=56.0 overhead_ratio=1.071 slots=1");
        // two jobs side by side: the capacity is twice the wall time, so the same jobs leave 53% of it unused
        assertThat(share.withSlots(2).line()).isEqualTo("wall_s=60.0 compute_s=56.0 overhead_ratio=2.143 slots=2");
        // the jobs took 35 + 23 s on their trainers: 2 s of overhead inside them, the rest between them
        assertThat(share.jobSeconds()).isEqualTo(58.0);
        assertThat(share.breakdown()).isEqualTo("overhead_s=4.0 inside_jobs_s=2.0 between_jobs_s=2.0");
        assertThat(share.withSlots(2).breakdown()).isEqualTo("overhead_s=64.0 inside_jobs_s=2.0 between_jobs_s=62.0");
    }

    @Test
    void noComputeShareWhenATrainerDidNotReportItsComputeTime() {
        ProgressTracker tracker = new ProgressTracker(request.eventId(), null);
        tracker.accept(accepted("exp1", request));
        tracker.accept(timed("exp1.base.n0.-A.s0", 30_000L, 4_000L));
        tracker.accept(completed("exp1.base.n0.-B.s0"));
        tracker.accept(new ExperimentCompleted(null, null, 0, "exp1", new JobCounts(2, 0, 0, 0, 2, 0, 0), 60_000));

        assertThat(tracker.phase()).isEqualTo(ProgressTracker.Phase.COMPLETED);
        assertThat(tracker.computeShare()).isNull();
    }

    private static JobCompleted timed(String jobId, Long stepMillis, Long evalMillis) {
        return timed(jobId, stepMillis, evalMillis, 41_000);
    }

    private static JobCompleted timed(String jobId, Long stepMillis, Long evalMillis, long totalMillis) {
        return new JobCompleted(
                null,
                null,
                0,
                "exp1",
                jobId,
                1,
                new JobResult(
                        0.8,
                        null,
                        0.8,
                        0.8,
                        2,
                        "s3://transferlab/x",
                        "abc",
                        40_000,
                        totalMillis,
                        null,
                        null,
                        null,
                        stepMillis,
                        evalMillis));
    }

    private static ExperimentAccepted accepted(String id, ExperimentRequested request) {
        return new ExperimentAccepted(null, null, 0, id, "digest", request.withExperimentId(id));
    }

    private static PlannedJob job(String id) {
        return new PlannedJob(id, JobKind.TRAIN, Arm.BASE, 0, null, Half.A, 0, List.of());
    }

    private static JobCompleted completed(String jobId) {
        return completed(jobId, "exp1");
    }

    private static JobCompleted completed(String jobId, String experimentId) {
        return new JobCompleted(
                null,
                null,
                0,
                experimentId,
                jobId,
                1,
                new JobResult(0.8, null, 0.8, 0.8, 2, "s3://transferlab/x", "abc", 10, 20, null, null));
    }
}

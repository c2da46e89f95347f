package io.transferlab.analytics.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.transferlab.analytics.fixtures.FixtureExperiment;
import io.transferlab.contracts.events.ExperimentCancelled;
import io.transferlab.contracts.events.ExperimentPlanned;
import io.transferlab.contracts.events.JobCancelled;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobFailed;
import io.transferlab.contracts.events.JobHeartbeat;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.ExperimentState;
import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.JobKind;
import io.transferlab.contracts.model.JobResult;
import io.transferlab.contracts.model.PlannedJob;
import io.transferlab.kafka.StateTopic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LedgerStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final FixtureExperiment fixture = new FixtureExperiment("exp1", T0);
    private final LedgerStore store = new LedgerStore(AccuracyMetric.SUMMARY);

    @Test
    void countsEveryPlannedJobOnceAndFinishes() {
        fixture.allEvents().forEach(store::apply);
        LedgerView view = store.view("exp1").orElseThrow();
        assertThat(view.jobsTotal()).isEqualTo(fixture.jobs().size()).isEqualTo(65);
        assertThat(view.jobsDone()).isEqualTo(65);
        assertThat(view.jobsRemaining()).isZero();
        assertThat(view.partial()).isFalse();
        assertThat(view.status()).isEqualTo(ExperimentState.COMPLETED);
        assertThat(view.anomalies()).isEmpty();
        assertThat(view.networks()).hasSize(64);
        assertThat(view.ckaDiagonal()).hasSize(8).first().isEqualTo(0.95);
        assertThat(view.baseFilters()).containsOnlyKeys(Half.A, Half.B);
        assertThat(view.request().layerCuts()).containsExactly(1, 2, 3);
    }

    @Test
    void duplicateEventsChangeNothing() {
        fixture.allEvents().forEach(store::apply);
        LedgerView before = store.view("exp1").orElseThrow();
        for (TransferLabEvent event : fixture.allEvents()) {
            assertThat(store.apply(event)).isEqualTo(IngestOutcome.DUPLICATE);
        }
        assertThat(store.view("exp1").orElseThrow()).isSameAs(before);
    }

    @Test
    void snapshotsRestoredThroughTheirWireFormatGiveTheSameViewAndKnowTheirEvents() {
        fixture.allEvents().forEach(store::apply);
        store.malformed("exp1", "bad-1", "io.transferlab.job.completed", "j1", "not JSON", T0);
        LedgerView before = store.view("exp1").orElseThrow();

        List<LedgerSnapshot> snapshots = store.drainSnapshots();
        assertThat(snapshots).extracting(LedgerSnapshot::experimentId).containsExactly("exp1");
        assertThat(store.drainSnapshots()).as("nothing changed since").isEmpty();
        LedgerStore restored = new LedgerStore(AccuracyMetric.SUMMARY);
        restored.restore(
                snapshots.stream()
                        .map(l -> StateTopic.decode(StateTopic.encode(l), LedgerSnapshot.class))
                        .toList(),
                List.of());

        assertThat(restored.view("exp1").orElseThrow()).isEqualTo(before);
        assertThat(restored.drainDirty())
                .as("derived again, as after a full replay")
                .containsExactly("exp1");
        assertThat(restored.drainSnapshots()).as("already in the snapshots").isEmpty();
        for (TransferLabEvent event : fixture.allEvents()) {
            assertThat(restored.apply(event)).isIn(IngestOutcome.DUPLICATE, IngestOutcome.IGNORED);
        }
        assertThat(restored.view("exp1").orElseThrow()).isEqualTo(before);
    }

    @Test
    void heartbeatsAreNotRemembered() {
        JobHeartbeat beat = new JobHeartbeat(null, T0, 0, "exp1", "j1", 1, "t1", 1, 10, 0.1);
        assertThat(store.apply(beat)).isEqualTo(IngestOutcome.IGNORED);
        assertThat(store.apply(beat)).as("no id kept to call it a duplicate").isEqualTo(IngestOutcome.IGNORED);
        assertThat(store.drainSnapshots()).isEmpty();
    }

    @Test
    void anyInterleavingOfTheTopicsGivesTheSameView() {
        fixture.allEvents().forEach(store::apply);
        LedgerView ordered = store.view("exp1").orElseThrow();
        List<TransferLabEvent> shuffled = new ArrayList<>(fixture.allEvents());
        Collections.shuffle(shuffled, new Random(42));
        LedgerStore replay = new LedgerStore(AccuracyMetric.SUMMARY);
        shuffled.forEach(replay::apply);
        LedgerView replayed = replay.view("exp1").orElseThrow();
        assertThat(replayed.results()).isEqualTo(ordered.results());
        assertThat(replayed.jobStates()).isEqualTo(ordered.jobStates());
        assertThat(replayed.anomalies()).isEmpty();
    }

    @Test
    void latestAttemptCountsWhateverOrderItArrivesIn() {
        store.apply(fixture.planned());
        PlannedJob job = fixture.jobs().get(0);
        JobCompleted first = withAccuracy(fixture.completion(job, 1, T0.plusSeconds(5)), 0.50);
        JobCompleted second = withAccuracy(fixture.completion(job, 2, T0.plusSeconds(9)), 0.70);
        store.apply(second);
        store.apply(first);
        LedgerView view = store.view("exp1").orElseThrow();
        assertThat(view.results()).singleElement().satisfies(r -> {
            assertThat(r.completion().attempt()).isEqualTo(2);
            assertThat(r.accuracy()).isEqualTo(0.70);
        });
        assertThat(view.anomalies()).isEmpty();
    }

    @Test
    void unknownJobIsAnAnomalyAndNotCounted() {
        store.apply(fixture.planned());
        PlannedJob stranger =
                new PlannedJob("exp1.transfer.n9.AB.s0", JobKind.TRAIN, Arm.TRANSFER, 9, Half.A, Half.B, 0, List.of());
        store.apply(fixture.completion(stranger, 1, T0.plusSeconds(5)));
        store.apply(new JobFailed("f1", T0.plusSeconds(6), 1, "exp1", "exp1.nope", 1, "boom", false));
        LedgerView view = store.view("exp1").orElseThrow();
        assertThat(view.results()).isEmpty();
        assertThat(view.anomalies())
                .extracting(Anomaly::kind)
                .containsExactly(AnomalyKind.UNKNOWN_JOB, AnomalyKind.UNKNOWN_JOB);
        assertThat(view.anomalies().get(0).reason()).contains("exp1.transfer.n9.AB.s0");
    }

    @Test
    void resultBeforeThePlanAndWithoutAPlanAreAnomalies() {
        PlannedJob job = fixture.jobs().get(0);
        store.apply(fixture.completion(job, 1, T0.plusSeconds(30)));
        assertThat(store.view("exp1").orElseThrow().anomalies())
                .extracting(Anomaly::kind)
                .containsExactly(AnomalyKind.NO_PLAN);
        // The plan arrives (read later from the other topic) but happened before the result: it counts.
        store.apply(fixture.planned());
        assertThat(store.view("exp1").orElseThrow().anomalies()).isEmpty();
        assertThat(store.view("exp1").orElseThrow().jobsDone()).isEqualTo(1);
        // A result stamped before the plan was made cannot belong to it.
        store.apply(new JobCompleted(
                "early",
                T0.minusSeconds(60),
                1,
                "exp1",
                fixture.jobs().get(1).jobId(),
                1,
                fixture.completion(fixture.jobs().get(1), 1, T0).result()));
        LedgerView view = store.view("exp1").orElseThrow();
        assertThat(view.anomalies()).extracting(Anomaly::kind).containsExactly(AnomalyKind.BEFORE_PLAN);
        assertThat(view.jobsDone()).isEqualTo(1);
    }

    @Test
    void resultAfterCancellationIsAnAnomaly() {
        store.apply(fixture.planned());
        List<PlannedJob> jobs = fixture.jobs();
        store.apply(fixture.completion(jobs.get(0), 1, T0.plusSeconds(10)));
        store.apply(new ExperimentCancelled("cancel", T0.plusSeconds(20), 1, "exp1", "user"));
        store.apply(fixture.completion(jobs.get(1), 1, T0.plusSeconds(30)));
        store.apply(new JobCancelled(
                "jc", T0.plusSeconds(21), 1, "exp1", jobs.get(2).jobId(), 1, "cancelled"));
        LedgerView view = store.view("exp1").orElseThrow();
        assertThat(view.jobsDone()).isEqualTo(1);
        assertThat(view.anomalies()).extracting(Anomaly::kind).containsExactly(AnomalyKind.CANCELLED_EXPERIMENT);
        assertThat(view.status()).isEqualTo(ExperimentState.CANCELLED);
        assertThat(view.jobsRemaining()).isZero();
        assertThat(view.partial()).isFalse();
    }

    @Test
    void impossibleResultsAreAnomalies() {
        store.apply(fixture.planned());
        PlannedJob train = fixture.jobs().get(0);
        PlannedJob cka = fixture.jobs().stream()
                .filter(j -> j.kind() == JobKind.CKA)
                .findFirst()
                .orElseThrow();
        store.apply(new JobCompleted(
                "no-accuracy",
                T0.plusSeconds(5),
                1,
                "exp1",
                train.jobId(),
                1,
                new JobResult(null, null, null, 0.5, 3, null, null, 1, 1, null, null)));
        store.apply(new JobCompleted(
                "no-cka",
                T0.plusSeconds(5),
                1,
                "exp1",
                cka.jobId(),
                1,
                new JobResult(null, null, null, null, 0, null, null, 1, 1, null, null)));
        LedgerView view = store.view("exp1").orElseThrow();
        assertThat(view.anomalies())
                .extracting(Anomaly::kind)
                .containsOnly(AnomalyKind.IMPOSSIBLE_RESULT)
                .hasSize(2);
        assertThat(view.results()).isEmpty();
    }

    @Test
    void malformedEventsAreKeptAsAnomaliesOnce() {
        assertThat(store.malformed(
                        "exp1", "bad-1", "io.transferlab.JobCompleted.v1", "j", "summaryTop1 must be in [0, 1]", T0))
                .isEqualTo(IngestOutcome.MALFORMED);
        assertThat(store.malformed("exp1", "bad-1", "io.transferlab.JobCompleted.v1", "j", "again", T0))
                .isEqualTo(IngestOutcome.DUPLICATE);
        store.malformed(null, "bad-2", null, null, "not JSON", T0);
        assertThat(store.view("exp1").orElseThrow().anomalies())
                .singleElement()
                .extracting(Anomaly::kind)
                .isEqualTo(AnomalyKind.MALFORMED);
        assertThat(store.unattributedAnomalies()).hasSize(1);
    }

    @Test
    void aConflictingSecondPlanIsAnAnomalyAndTheFirstHolds() {
        store.apply(fixture.planned());
        store.apply(new ExperimentPlanned(
                "plan-2", T0.plusSeconds(1), 1, "exp1", fixture.jobs().subList(0, 2)));
        LedgerView view = store.view("exp1").orElseThrow();
        assertThat(view.jobsTotal()).isEqualTo(65);
        assertThat(view.anomalies()).extracting(Anomaly::kind).containsExactly(AnomalyKind.CONFLICTING_PLAN);
    }

    @Test
    void partialWhileJobsRemainAndTestMetricOnRequest() {
        store.apply(fixture.planned());
        fixture.completions().subList(0, 10).forEach(store::apply);
        LedgerView view = store.view("exp1").orElseThrow();
        assertThat(view.partial()).isTrue();
        assertThat(view.jobsDone()).isEqualTo(10);
        assertThat(view.jobsRemaining()).isEqualTo(55);
        assertThat(view.results().get(0).accuracy())
                .isEqualTo(FixtureExperiment.accuracy(fixture.jobs().get(0)));

        LedgerStore test = new LedgerStore(AccuracyMetric.TEST);
        test.apply(fixture.planned());
        test.apply(fixture.completions().get(0));
        assertThat(test.view("exp1").orElseThrow().results().get(0).accuracy())
                .isCloseTo(FixtureExperiment.accuracy(fixture.jobs().get(0)) - 0.003, within(1e-12));
    }

    private static JobCompleted withAccuracy(JobCompleted c, double accuracy) {
        JobResult r = c.result();
        return new JobCompleted(
                c.eventId(),
                c.occurredAt(),
                1,
                c.experimentId(),
                c.jobId(),
                c.attempt(),
                new JobResult(
                        accuracy, null, accuracy, accuracy, r.epochs(), null, null, 1, 1, r.firstLayerFilters(), null));
    }
}

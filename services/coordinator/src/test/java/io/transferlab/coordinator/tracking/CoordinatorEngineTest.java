package io.transferlab.coordinator.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.EventTypes;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.ExperimentAccepted;
import io.transferlab.contracts.events.ExperimentCancelled;
import io.transferlab.contracts.events.ExperimentCompleted;
import io.transferlab.contracts.events.ExperimentFailed;
import io.transferlab.contracts.events.ExperimentPlanned;
import io.transferlab.contracts.events.ExperimentProgress;
import io.transferlab.contracts.events.ExperimentRejected;
import io.transferlab.contracts.events.JobCancelled;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobFailed;
import io.transferlab.contracts.events.JobHeartbeat;
import io.transferlab.contracts.events.JobStarted;
import io.transferlab.contracts.events.TrainingJobRequested;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.model.CheckpointRef;
import io.transferlab.contracts.model.ExperimentState;
import io.transferlab.contracts.model.JobResult;
import io.transferlab.contracts.model.JobState;
import io.transferlab.coordinator.request.RequestReader;
import io.transferlab.coordinator.request.RequestValidator;
import io.transferlab.coordinator.request.SchemaCheck;
import io.transferlab.kafka.StateTopic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoordinatorEngineTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** base B, base A, then selffer and transfer at n = 3 towards B. */
    private static final String REQUEST = "{'experimentId':'e1','dataset':{'name':'fashion-mnist'},"
            + "'arms':['base','selffer','transfer'],'layerCuts':[3],'directions':'a-to-b'}";

    private static final String BASE_B = "e1.base.n0.-B.s0";
    private static final String BASE_A = "e1.base.n0.-A.s0";
    private static final String BNB = "e1.selffer.n3.BB.s0";
    private static final String ANB = "e1.transfer.n3.AB.s0";

    private final RequestReader reader = new RequestReader(new RequestValidator(2000), SchemaCheck.request());
    private final MutableClock clock = new MutableClock();
    private final AtomicInteger retries = new AtomicInteger();
    private final List<Duration> latencies = new ArrayList<>();
    /** Everything published, in order, as the topics would hold it. */
    private final List<TransferLabEvent> log = new ArrayList<>();

    private CoordinatorEngine engine;

    @BeforeEach
    void setUp() {
        engine = newEngine();
        log.addAll(engine.goLive());
    }

    private CoordinatorEngine newEngine() {
        return new CoordinatorEngine(3, TIMEOUT, clock, new EngineListener() {
            @Override
            public void retried(String jobId, int attempt, String why) {
                retries.incrementAndGet();
            }

            @Override
            public void started(Duration sinceDispatch) {
                latencies.add(sinceDispatch);
            }
        });
    }

    private static JsonNode json(String text) {
        try {
            return EventCodec.mapper().readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private List<TransferLabEvent> request(String body, String eventId) {
        List<TransferLabEvent> out = engine.onRequest(reader.read(json(body), eventId), eventId);
        log.addAll(out);
        return out;
    }

    private List<TransferLabEvent> trainer(TransferLabEvent event) {
        log.add(event);
        List<TransferLabEvent> out = engine.onEvent(event);
        log.addAll(out);
        return out;
    }

    private List<TransferLabEvent> tick() {
        List<TransferLabEvent> out = engine.onTick();
        log.addAll(out);
        return out;
    }

    private static JobResult result(String jobId) {
        return new JobResult(
                0.9,
                null,
                0.9,
                0.9,
                10,
                "s3://transferlab/experiments/e1/jobs/" + jobId + "/final.ckpt",
                "sha-" + jobId,
                1000,
                1200,
                null,
                null);
    }

    private static List<String> dispatched(List<TransferLabEvent> events) {
        return events.stream()
                .filter(e -> e instanceof TrainingJobRequested)
                .map(e -> ((TrainingJobRequested) e).jobId() + "#" + ((TrainingJobRequested) e).attempt())
                .toList();
    }

    private static <T> List<T> ofType(List<TransferLabEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private JobState state(String jobId) {
        return engine.experiment("e1").orElseThrow().jobs().stream()
                .filter(j -> j.jobId().equals(jobId))
                .findFirst()
                .orElseThrow()
                .state();
    }

    private void complete(String jobId) {
        trainer(new JobStarted(null, null, 0, "e1", jobId, 1, "t1", "cpu", null));
        trainer(new JobCompleted(null, null, 0, "e1", jobId, 1, result(jobId)));
    }

    @Test
    void anAcceptedRequestIsPlannedAndItsBaseJobsDispatched() {
        List<TransferLabEvent> out = request(REQUEST, "r1");

        assertThat(out.get(0)).isInstanceOf(ExperimentAccepted.class);
        assertThat(out.get(1)).isInstanceOf(ExperimentPlanned.class);
        assertThat(((ExperimentPlanned) out.get(1)).jobs()).hasSize(4);
        assertThat(dispatched(out)).containsExactly(BASE_B + "#1", BASE_A + "#1");
        ExperimentProgress progress = ofType(out, ExperimentProgress.class).get(0);
        assertThat(progress.counts().total()).isEqualTo(4);
        assertThat(progress.counts().dispatched()).isEqualTo(2);
        assertThat(progress.counts().pending()).isEqualTo(2);
        assertThat(ofType(out, TrainingJobRequested.class)
                        .get(0)
                        .spec()
                        .architecture()
                        .preset())
                .isEqualTo("tl8-gray28");
    }

    @Test
    void aCompletedBaseReleasesItsDependantsWithItsCheckpointAsInput() {
        request(REQUEST, "r1");
        clock.advance(Duration.ofSeconds(3));
        trainer(new JobStarted(null, null, 0, "e1", BASE_B, 1, "t1", "cpu", null));
        assertThat(latencies).containsExactly(Duration.ofSeconds(3));

        List<TransferLabEvent> out = trainer(new JobCompleted(null, null, 0, "e1", BASE_B, 1, result(BASE_B)));

        assertThat(dispatched(out)).containsExactly(BNB + "#1");
        TrainingJobRequested bnb = ofType(out, TrainingJobRequested.class).get(0);
        assertThat(bnb.spec().inputs())
                .containsExactly(new CheckpointRef(
                        BASE_B, "s3://transferlab/experiments/e1/jobs/" + BASE_B + "/final.ckpt", "sha-" + BASE_B));
        assertThat(state(BASE_B)).isEqualTo(JobState.SUCCEEDED);
        assertThat(state(ANB)).isEqualTo(JobState.PENDING);
    }

    @Test
    void duplicateJobEventsChangeNothing() {
        request(REQUEST, "r1");
        JobCompleted done = new JobCompleted(null, null, 0, "e1", BASE_B, 1, result(BASE_B));
        trainer(done);

        assertThat(trainer(done)).isEmpty();
        assertThat(trainer(new JobStarted(null, null, 0, "e1", BASE_B, 1, "t1", "cpu", null)))
                .isEmpty();
        assertThat(state(BASE_B)).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void theSameRequestTwiceIsOneExperimentAndADifferentOneUnderItsIdAConflict() {
        request(REQUEST, "r1");

        assertThat(request(REQUEST, "r2")).isEmpty();
        List<TransferLabEvent> conflict = request(REQUEST.replace("'layerCuts':[3]", "'layerCuts':[4]"), "r3");

        assertThat(conflict).singleElement().isInstanceOf(ExperimentRejected.class);
        assertThat(((ExperimentRejected) conflict.get(0)).problems().get(0).problem())
                .contains("conflict");
        assertThat(engine.experiments()).hasSize(1);
        assertThat(engine.experiment("e1").orElseThrow().jobs())
                .extracting(JobView::n)
                .contains(3)
                .doesNotContain(4);
    }

    @Test
    void aBadRequestIsRejectedOnceEvenWhenRedelivered() {
        List<TransferLabEvent> first = request("{'experimentId':'bad','dataset':{'name':'x'},'arms':[]}", "r9");

        assertThat(first).singleElement().isInstanceOf(ExperimentRejected.class);
        assertThat(((ExperimentRejected) first.get(0)).problems())
                .extracting(p -> p.field())
                .contains("dataset.name", "arms");
        assertThat(request("{'experimentId':'bad','dataset':{'name':'x'},'arms':[]}", "r9"))
                .isEmpty();
        assertThat(engine.stateOf("bad")).contains(ExperimentState.REJECTED);
    }

    @Test
    void aRetryableFailureIsDispatchedAgainWithTheNextAttempt() {
        request(REQUEST, "r1");

        List<TransferLabEvent> out = trainer(new JobFailed(null, null, 0, "e1", BASE_A, 1, "S3 outage", true));

        assertThat(dispatched(out)).containsExactly(BASE_A + "#2");
        assertThat(retries).hasValue(1);
        // The failed attempt's late events change nothing.
        assertThat(trainer(new JobCompleted(null, null, 0, "e1", BASE_A, 1, result(BASE_A))))
                .isEmpty();
        assertThat(state(BASE_A)).isEqualTo(JobState.DISPATCHED);
    }

    @Test
    void aCancellationOfAReplacedAttemptCancelsNothing() {
        request(REQUEST, "r1");
        trainer(new JobFailed(null, null, 0, "e1", BASE_A, 1, "outage", true));

        assertThat(trainer(new JobCancelled(null, null, 0, "e1", BASE_A, 1, "trainer shut down")))
                .isEmpty();
        assertThat(state(BASE_A)).isEqualTo(JobState.DISPATCHED);
        trainer(new JobCancelled(null, null, 0, "e1", BASE_A, 2, "trainer shut down"));
        assertThat(state(BASE_A)).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void aDivergedJobIsNotRetriedAndStaysFailed() {
        request(REQUEST, "r1");
        complete(BASE_B);
        complete(BASE_A);
        trainer(new JobStarted(null, null, 0, "e1", ANB, 1, "t1", "cpu", null));

        List<TransferLabEvent> out = trainer(new JobFailed(
                null,
                null,
                0,
                "e1",
                ANB,
                1,
                "diverged: training loss is NaN at epoch 1, iteration 3",
                false,
                JobFailed.DIVERGED));

        assertThat(dispatched(out)).isEmpty();
        assertThat(retries).hasValue(0);
        assertThat(state(ANB)).isEqualTo(JobState.FAILED);
        assertThat(state(BNB)).isNotEqualTo(JobState.CANCELLED);
    }

    @Test
    void aFailedBaseCancelsItsDependantsAndFailsTheExperiment() {
        request(REQUEST, "r1");
        complete(BASE_B);
        complete(BNB);

        List<TransferLabEvent> out = trainer(new JobFailed(null, null, 0, "e1", BASE_A, 1, "corrupt input", false));

        assertThat(ofType(out, JobCancelled.class)).singleElement().satisfies(c -> {
            assertThat(c.jobId()).isEqualTo(ANB);
            assertThat(c.reason()).contains(BASE_A).contains("corrupt input");
        });
        ExperimentFailed failed = ofType(out, ExperimentFailed.class).get(0);
        assertThat(failed.reason()).contains(BASE_A);
        assertThat(failed.counts().succeeded()).isEqualTo(2);
        assertThat(failed.counts().failed()).isEqualTo(1);
        assertThat(failed.counts().cancelled()).isEqualTo(1);
        assertThat(engine.stateOf("e1")).contains(ExperimentState.FAILED);
    }

    @Test
    void retriesStopAtTheBudget() {
        request(REQUEST, "r1");
        trainer(new JobFailed(null, null, 0, "e1", BASE_A, 1, "outage", true));
        trainer(new JobFailed(null, null, 0, "e1", BASE_A, 2, "outage", true));

        List<TransferLabEvent> out = trainer(new JobFailed(null, null, 0, "e1", BASE_A, 3, "outage", true));

        assertThat(dispatched(out)).isEmpty();
        assertThat(state(BASE_A)).isEqualTo(JobState.FAILED);
        assertThat(retries).hasValue(2);
    }

    @Test
    void aSilentJobIsDispatchedAgainAfterTheHeartbeatTimeoutAndFailsWhenTheBudgetIsSpent() {
        request(REQUEST, "r1");
        trainer(new JobStarted(null, null, 0, "e1", BASE_B, 1, "t1", "cpu", null));
        clock.advance(TIMEOUT.minusSeconds(1));
        trainer(new JobHeartbeat(null, null, 0, "e1", BASE_B, 1, "t1", 1, 10, 0.1));
        clock.advance(TIMEOUT.minusSeconds(1));
        assertThat(tick()).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        assertThat(dispatched(tick())).containsExactly(BASE_B + "#2");
        // The lost trainer comes back: its old attempt changes nothing.
        assertThat(trainer(new JobHeartbeat(null, null, 0, "e1", BASE_B, 1, "t1", 2, 20, 0.2)))
                .isEmpty();
        assertThat(state(BASE_B)).isEqualTo(JobState.DISPATCHED);
        // A dispatched job waiting in the topic has no heartbeat deadline.
        clock.advance(TIMEOUT.multipliedBy(3));
        assertThat(tick()).isEmpty();

        trainer(new JobStarted(null, null, 0, "e1", BASE_B, 2, "t2", "cpu", null));
        clock.advance(TIMEOUT.plusSeconds(1));
        assertThat(dispatched(tick())).containsExactly(BASE_B + "#3");
        trainer(new JobStarted(null, null, 0, "e1", BASE_B, 3, "t3", "cpu", null));
        clock.advance(TIMEOUT.plusSeconds(1));
        List<TransferLabEvent> out = tick();

        assertThat(ofType(out, JobFailed.class)).singleElement().satisfies(f -> {
            assertThat(f.attempt()).isEqualTo(3);
            assertThat(f.retryable()).isFalse();
            assertThat(f.reason()).contains("no heartbeat");
        });
        assertThat(ofType(out, JobCancelled.class))
                .extracting(JobCancelled::jobId)
                .containsExactly(BNB);
        assertThat(retries).hasValue(2);
    }

    @Test
    void aDispatchedJobThatNeverStartsIsDispatchedAgainOnlyOnceTheTrainersFallSilent() {
        Duration start = CoordinatorEngine.DEFAULT_START_TIMEOUT;
        request(REQUEST, "r1");
        trainer(new JobStarted(null, null, 0, "e1", BASE_A, 1, "t1", "cpu", null));
        // Base B waits behind a busy trainer far longer than the start timeout: it is queued, not lost.
        for (Duration waited = Duration.ZERO;
                waited.compareTo(start.plusMinutes(5)) < 0;
                waited = waited.plusSeconds(30)) {
            clock.advance(Duration.ofSeconds(30));
            trainer(new JobHeartbeat(null, null, 0, "e1", BASE_A, 1, "t1", 1, waited.toSeconds(), 0.5));
            assertThat(dispatched(tick())).isEmpty();
        }
        trainer(new JobCompleted(null, null, 0, "e1", BASE_A, 1, result(BASE_A)));
        clock.advance(start.minusSeconds(1));
        assertThat(tick()).isEmpty();

        // No trainer has said anything for the whole start timeout: what never started is sent again.
        clock.advance(Duration.ofSeconds(2));
        assertThat(dispatched(tick())).containsExactlyInAnyOrder(BASE_B + "#2", ANB + "#2");
        assertThat(state(BASE_B)).isEqualTo(JobState.DISPATCHED);
        clock.advance(start.plusSeconds(1));
        assertThat(dispatched(tick())).containsExactlyInAnyOrder(BASE_B + "#3", ANB + "#3");
        // The budget is spent: the last attempt keeps waiting for a trainer, it is neither sent nor failed.
        clock.advance(start.multipliedBy(3));
        assertThat(tick()).isEmpty();
        assertThat(state(BASE_B)).isEqualTo(JobState.DISPATCHED);
        assertThat(retries).hasValue(4);
    }

    @Test
    void theExperimentCompletesWhenEveryJobSucceeded() {
        request(REQUEST, "r1");
        complete(BASE_B);
        complete(BASE_A);
        complete(BNB);
        clock.advance(Duration.ofMinutes(5));

        trainer(new JobStarted(null, null, 0, "e1", ANB, 1, "t1", "cpu", null));
        List<TransferLabEvent> out = trainer(new JobCompleted(null, null, 0, "e1", ANB, 1, result(ANB)));

        ExperimentCompleted done = ofType(out, ExperimentCompleted.class).get(0);
        assertThat(done.counts().succeeded()).isEqualTo(4);
        assertThat(done.durationMillis()).isEqualTo(Duration.ofMinutes(5).toMillis());
        assertThat(engine.experiment("e1").orElseThrow().summary().progress()).isEqualTo(1.0);
        assertThat(engine.experimentCounts()).containsEntry(ExperimentState.COMPLETED, 1);
    }

    @Test
    void cancellingCancelsEveryUnfinishedJob() {
        request(REQUEST, "r1");
        complete(BASE_B);

        List<TransferLabEvent> out = trainer(new ExperimentCancelled(null, null, 0, "e1", "changed my mind"));

        assertThat(ofType(out, JobCancelled.class))
                .extracting(JobCancelled::jobId)
                .containsExactlyInAnyOrder(BASE_A, BNB, ANB);
        assertThat(ofType(out, JobCancelled.class))
                .allSatisfy(c -> assertThat(c.reason()).contains("changed my mind"));
        assertThat(engine.stateOf("e1")).contains(ExperimentState.CANCELLED);
        assertThat(trainer(new JobCompleted(null, null, 0, "e1", BASE_A, 1, result(BASE_A))))
                .isEmpty();
        assertThat(engine.jobCounts()).containsEntry(JobState.CANCELLED, 3).containsEntry(JobState.SUCCEEDED, 1);
    }

    @Test
    void replayingTheTopicsRebuildsTheSameStateAndDecidesNothingAgain() {
        request(REQUEST, "r1");
        complete(BASE_B);
        trainer(new JobStarted(null, null, 0, "e1", BASE_A, 1, "t1", "cpu", null));
        trainer(new JobFailed(null, null, 0, "e1", BASE_A, 1, "outage", true));

        CoordinatorEngine rebuilt = replay(log, false);

        assertThat(rebuilt.goLive()).isEmpty();
        assertThat(rebuilt.experiment("e1")).isEqualTo(engine.experiment("e1"));
    }

    @Test
    void replayIsIndependentOfTheInterleavingOfTopics() {
        request(REQUEST, "r1");
        complete(BASE_B);
        complete(BASE_A);
        trainer(new JobFailed(null, null, 0, "e1", BNB, 1, "outage", true));

        CoordinatorEngine rebuilt = replay(log, true);

        assertThat(rebuilt.goLive()).isEmpty();
        assertThat(rebuilt.experiment("e1").orElseThrow().jobs())
                .isEqualTo(engine.experiment("e1").orElseThrow().jobs());
    }

    @Test
    void aRestartAfterALostDispatchDispatchesOnlyWhatWasLost() {
        request(REQUEST, "r1");
        complete(BASE_B);
        complete(BASE_A);
        // The coordinator crashed before the last dispatch reached Kafka.
        TransferLabEvent lost = log.stream()
                .filter(e -> e instanceof TrainingJobRequested t && t.jobId().equals(ANB))
                .findFirst()
                .orElseThrow();
        List<TransferLabEvent> survived = new ArrayList<>(log);
        survived.remove(lost);
        survived.removeIf(e -> e instanceof ExperimentProgress);

        CoordinatorEngine rebuilt = replay(survived, false);
        List<TransferLabEvent> out = rebuilt.goLive();

        assertThat(dispatched(out)).containsExactly(ANB + "#1");
        assertThat(ofType(out, ExperimentProgress.class)).hasSize(1);
    }

    @Test
    void snapshotsRestoredThroughTheirWireFormatGiveTheSameStateAndDecideNothingAgain() {
        request(REQUEST, "r1");
        request("{'experimentId':'bad','dataset':{'name':'fashion-mnist'},'layerCuts':[9]}", "r2");
        complete(BASE_B);
        trainer(new JobStarted(null, null, 0, "e1", BASE_A, 1, "t1", "cpu", null));
        trainer(new JobHeartbeat(null, null, 0, "e1", BASE_A, 1, "t1", 3, 300, 0.3));
        trainer(new JobFailed(null, null, 0, "e1", BNB, 1, "outage", true));

        CoordinatorEngine.SnapshotChanges changes = engine.drainSnapshotChanges();
        assertThat(changes.experiments())
                .extracting(ExperimentSnapshot::experimentId)
                .containsExactly("e1");
        assertThat(engine.drainSnapshotChanges().isEmpty())
                .as("nothing changed since")
                .isTrue();
        CoordinatorEngine restored = newEngine();
        restored.restore(
                changes.experiments().stream()
                        .map(e -> StateTopic.decode(StateTopic.encode(e), ExperimentSnapshot.class))
                        .toList(),
                StateTopic.decode(StateTopic.encode(changes.rejections().orElseThrow()), RejectionsSnapshot.class));

        assertThat(restored.experiment("e1")).isEqualTo(engine.experiment("e1"));
        assertThat(restored.experiment("bad")).isEqualTo(engine.experiment("bad"));
        assertThat(restored.experimentCounts()).isEqualTo(engine.experimentCounts());
        assertThat(restored.goLive()).isEmpty();
        // Replaying events the snapshot already holds changes nothing.
        log.forEach(restored::apply);
        assertThat(restored.experiment("e1")).isEqualTo(engine.experiment("e1"));
        assertThat(restored.onRequest(
                        reader.read(
                                json("{'experimentId':'bad','dataset':{'name':'fashion-mnist'}," + "'layerCuts':[9]}"),
                                "r2"),
                        "r2"))
                .as("a redelivered rejected request")
                .isEmpty();
    }

    @Test
    void theListOfExperimentsHasTheSameOrderAfterARestoreFromSnapshotsReadInAnotherOrder() {
        for (String id : List.of("zeta", "alpha", "mid")) {
            request(REQUEST.replace("'e1'", "'" + id + "'"), "r-" + id);
        }
        List<ExperimentSnapshot> snapshots =
                new ArrayList<>(engine.drainSnapshotChanges().experiments());
        java.util.Collections.reverse(snapshots);
        CoordinatorEngine restored = newEngine();
        restored.restore(snapshots, new RejectionsSnapshot(List.of(), List.of()));

        assertThat(restored.experiments()).hasSize(3).isEqualTo(engine.experiments());
    }

    /** A fresh engine fed the log topic by topic, as the coordinator loop replays it. */
    private CoordinatorEngine replay(List<TransferLabEvent> events, boolean shuffleAcrossTopics) {
        CoordinatorEngine rebuilt = newEngine();
        List<TransferLabEvent> ordered = new ArrayList<>();
        for (String topic : List.of(Topics.EXPERIMENT_EVENTS, Topics.TRAINING_JOBS, Topics.JOB_EVENTS)) {
            events.stream().filter(e -> EventTypes.of(e).topic().equals(topic)).forEach(ordered::add);
        }
        if (shuffleAcrossTopics) {
            // Kafka keeps one key's events in order within a topic, nothing across topics: keep the
            // experiment's creation first (the loop applies that topic first), then read the topics backwards.
            List<TransferLabEvent> head = ordered.stream()
                    .filter(e -> e instanceof ExperimentAccepted)
                    .toList();
            List<TransferLabEvent> rest = new ArrayList<>(ordered);
            rest.removeAll(head);
            List<TransferLabEvent> jobEvents = rest.stream()
                    .filter(e -> e instanceof io.transferlab.contracts.events.JobEvent)
                    .toList();
            List<TransferLabEvent> others = new ArrayList<>(rest);
            others.removeAll(jobEvents);
            ordered = new ArrayList<>(head);
            List<TransferLabEvent> reversedTopics = new ArrayList<>(jobEvents.stream()
                    .filter(e -> !(e instanceof TrainingJobRequested))
                    .toList());
            reversedTopics.addAll(jobEvents.stream()
                    .filter(e -> e instanceof TrainingJobRequested)
                    .toList());
            ordered.addAll(reversedTopics);
            ordered.addAll(others);
        }
        ordered.forEach(rebuilt::apply);
        return rebuilt;
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

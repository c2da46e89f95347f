package io.transferlab.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transferlab.contracts.events.CheckpointSaved;
import io.transferlab.contracts.events.DeadLettered;
import io.transferlab.contracts.events.EpochCompleted;
import io.transferlab.contracts.events.ExperimentAccepted;
import io.transferlab.contracts.events.ExperimentCancelled;
import io.transferlab.contracts.events.ExperimentCompleted;
import io.transferlab.contracts.events.ExperimentFailed;
import io.transferlab.contracts.events.ExperimentPlanned;
import io.transferlab.contracts.events.ExperimentProgress;
import io.transferlab.contracts.events.ExperimentRejected;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.events.JobCancelled;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobFailed;
import io.transferlab.contracts.events.JobHeartbeat;
import io.transferlab.contracts.events.JobStarted;
import io.transferlab.contracts.events.TrainingJobRequested;
import io.transferlab.contracts.events.TransferScoresComputed;
import io.transferlab.contracts.model.ArchitectureSpec;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.CheckpointRef;
import io.transferlab.contracts.model.DatasetSpec;
import io.transferlab.contracts.model.Direction;
import io.transferlab.contracts.model.FilterBank;
import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.JobCounts;
import io.transferlab.contracts.model.JobKind;
import io.transferlab.contracts.model.JobResult;
import io.transferlab.contracts.model.JobSpec;
import io.transferlab.contracts.model.PlannedJob;
import io.transferlab.contracts.model.Problem;
import io.transferlab.contracts.model.ScoreTable;
import io.transferlab.contracts.model.SplitSpec;
import io.transferlab.contracts.model.TrainingSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invariant the records check on construction, one case each. */
class RecordInvariantsTest {
    private static final String E = "exp1";
    private static final String J = "exp1.base.n0.-A.s0";
    private static final String SHA = "a".repeat(64);
    private static final DatasetSpec DATA = DatasetSpec.named("fashion-mnist");
    private static final JobCounts COUNTS = new JobCounts(1, 1, 0, 0, 0, 0, 0);
    private static final JobResult RESULT = new JobResult(0.5, null, null, null, 1, "s3://b/k", SHA, 1, 1, null, null);
    private static final PlannedJob PLANNED = new PlannedJob(J, JobKind.TRAIN, Arm.BASE, 0, null, Half.A, 0, null);

    private static JobSpec train(Arm arm, int n, Half source, Half target) {
        return new JobSpec(
                JobKind.TRAIN,
                arm,
                n,
                source,
                target,
                0,
                DATA,
                SplitSpec.random(0),
                ArchitectureSpec.defaults(),
                TrainingSettings.defaults(),
                null);
    }

    private static Arguments invalid(String invariant, String message, ThrowingCallable construction) {
        return Arguments.of(invariant, message, construction);
    }

    static Stream<Arguments> invalidConstructions() {
        return Stream.of(
                // Shared envelope checks (Events helpers), shown on one event each.
                invalid(
                        "schemaVersion is positive",
                        "schemaVersion must be positive",
                        () -> new ExperimentCancelled(null, null, -1, E, null)),
                invalid(
                        "experimentId is required",
                        "experimentId is required",
                        () -> new ExperimentCancelled(null, null, 0, " ", null)),
                invalid(
                        "jobId is required",
                        "jobId is required",
                        () -> new JobFailed(null, null, 0, E, null, 1, "boom", false)),
                invalid(
                        "attempt starts at 1",
                        "attempt starts at 1",
                        () -> new JobFailed(null, null, 0, E, J, 0, "boom", false)),
                // Experiment events.
                invalid(
                        "a request names a dataset",
                        "dataset is required",
                        () -> new ExperimentRequested(
                                null, null, 0, E, null, null, null, null, null, null, null, null, null, null, null)),
                invalid(
                        "accepted has a digest",
                        "requestDigest is required",
                        () -> new ExperimentAccepted(null, null, 0, E, "", request())),
                invalid(
                        "accepted carries the request",
                        "request is required",
                        () -> new ExperimentAccepted(null, null, 0, E, "d", null)),
                invalid(
                        "a rejection lists problems",
                        "at least one problem",
                        () -> new ExperimentRejected(null, null, 0, E, null, List.of())),
                invalid(
                        "a rejection has an experiment id",
                        "experimentId is required",
                        () -> new ExperimentRejected(
                                null, null, 0, null, null, List.of(new Problem("dataset", "is required")))),
                invalid(
                        "a plan has jobs",
                        "at least one job",
                        () -> new ExperimentPlanned(null, null, 0, E, List.of())),
                invalid("a plan is not null", "at least one job", () -> new ExperimentPlanned(null, null, 0, E, null)),
                invalid(
                        "progress has counts",
                        "counts is required",
                        () -> new ExperimentProgress(null, null, 0, E, null)),
                invalid(
                        "completion has counts",
                        "counts is required",
                        () -> new ExperimentCompleted(null, null, 0, E, null, 1)),
                invalid(
                        "a failure has a reason",
                        "reason is required",
                        () -> new ExperimentFailed(null, null, 0, E, null, COUNTS)),
                invalid(
                        "scores are present",
                        "scores is required",
                        () -> new TransferScoresComputed(null, null, 0, E, true, null)),
                // Job events.
                invalid(
                        "a job request has a spec",
                        "spec is required",
                        () -> new TrainingJobRequested(null, null, 0, E, J, 1, null)),
                invalid(
                        "a start names its trainer",
                        "trainerId is required",
                        () -> new JobStarted(null, null, 0, E, J, 1, null, "cpu", null)),
                invalid(
                        "a heartbeat names its trainer",
                        "trainerId is required",
                        () -> new JobHeartbeat(null, null, 0, E, J, 1, "", 1, 1, 0.1)),
                invalid(
                        "heartbeat progress is a fraction",
                        "progress must be in [0, 1]",
                        () -> new JobHeartbeat(null, null, 0, E, J, 1, "t", 1, 1, 1.01)),
                invalid(
                        "heartbeat progress is a number",
                        "progress must be in [0, 1]",
                        () -> new JobHeartbeat(null, null, 0, E, J, 1, "t", 1, 1, Double.NaN)),
                invalid(
                        "epochs count from 1",
                        "epoch 0 outside 1..3",
                        () -> new EpochCompleted(null, null, 0, E, J, 1, 0, 3, 1, 0.5, null, 0.01, 1, 1)),
                invalid(
                        "an epoch is within the run",
                        "epoch 4 outside 1..3",
                        () -> new EpochCompleted(null, null, 0, E, J, 1, 4, 3, 1, 0.5, null, 0.01, 1, 1)),
                invalid(
                        "top-1 is a fraction",
                        "valTop1 must be in [0, 1]",
                        () -> new EpochCompleted(null, null, 0, E, J, 1, 1, 3, 1, 87.5, null, 0.01, 1, 1)),
                invalid(
                        "top-5 is a fraction",
                        "valTop5 must be in [0, 1]",
                        () -> new EpochCompleted(null, null, 0, E, J, 1, 1, 3, 1, 0.5, -0.1, 0.01, 1, 1)),
                invalid(
                        "a checkpoint has a uri",
                        "uri is required",
                        () -> new CheckpointSaved(null, null, 0, E, J, 1, 1, null, 10, SHA, false)),
                invalid(
                        "a checkpoint has a digest",
                        "sha256 is required",
                        () -> new CheckpointSaved(null, null, 0, E, J, 1, 1, "s3://b/k", 10, "", false)),
                invalid(
                        "a checkpoint has bytes",
                        "a checkpoint has bytes",
                        () -> new CheckpointSaved(null, null, 0, E, J, 1, 1, "s3://b/k", 0, SHA, false)),
                invalid(
                        "a completion has a result",
                        "result is required",
                        () -> new JobCompleted(null, null, 0, E, J, 1, null)),
                invalid(
                        "a job failure has a reason",
                        "reason is required",
                        () -> new JobFailed(null, null, 0, E, J, 1, "", true)),
                invalid(
                        "a diverged job is never retried",
                        "a diverged job is not retryable",
                        () -> new JobFailed(null, null, 0, E, J, 1, "loss is NaN", true, JobFailed.DIVERGED)),
                invalid(
                        "a job cancellation has a reason",
                        "reason is required",
                        () -> new JobCancelled(null, null, 0, E, J, 1, null)),
                // Dead letters.
                invalid(
                        "a dead letter has a reason",
                        "reason is required",
                        () -> new DeadLettered(null, null, 0, null, "c", "t", 0, 0, null, null, null, null)),
                invalid(
                        "a dead letter has its topic",
                        "originalTopic is required",
                        () -> new DeadLettered(null, null, 0, "bad", "c", "", 0, 0, null, null, null, null)),
                // Value types.
                invalid("a dataset has a name", "dataset.name is required", () -> new DatasetSpec(" ", null, null)),
                invalid(
                        "a checkpoint reference is complete",
                        "needs jobId, uri and sha256",
                        () -> new CheckpointRef(J, null, SHA)),
                invalid(
                        "a filter bank's values fit its shape",
                        "needs that many values",
                        () -> new FilterBank(2, 1, 2, 2, List.of(1.0, 2.0))),
                invalid("job counts are not negative", "cannot be negative", () -> new JobCounts(1, 0, 0, 0, 0, -1, 0)),
                invalid(
                        "a test accuracy is a fraction",
                        "testTop1 must be in [0, 1]",
                        () -> new JobResult(1.5, null, null, null, 1, null, null, 1, 1, null, null)),
                invalid(
                        "a summary accuracy is a fraction",
                        "summaryTop1 must be in [0, 1]",
                        () -> new JobResult(null, null, -0.5, null, 1, null, null, 1, 1, null, null)),
                invalid(
                        "step time is not negative",
                        "stepMillis must not be negative",
                        () -> new JobResult(null, null, null, null, 1, null, null, 1, 1, null, null, null, -1L, 0L)),
                invalid(
                        "a job spec is complete",
                        "needs kind, dataset, split, architecture and training",
                        () -> new JobSpec(
                                JobKind.TRAIN,
                                Arm.BASE,
                                0,
                                null,
                                Half.A,
                                0,
                                null,
                                SplitSpec.random(0),
                                ArchitectureSpec.defaults(),
                                TrainingSettings.defaults(),
                                null)),
                invalid(
                        "a training job has a target half",
                        "needs an arm and a target half",
                        () -> train(Arm.BASE, 0, null, null)),
                invalid(
                        "a training job has an arm",
                        "needs an arm and a target half",
                        () -> train(null, 0, null, Half.A)),
                invalid("base jobs have n = 0", "n must be 0 for base", () -> train(Arm.BASE, 3, null, Half.A)),
                invalid("other arms have n >= 1", "n must be 0 for base", () -> train(Arm.TRANSFER, 0, Half.A, Half.B)),
                invalid(
                        "copying arms name their source",
                        "arm selffer needs a source half",
                        () -> train(Arm.SELFFER, 2, null, Half.B)),
                invalid(
                        "a planned job has an id",
                        "needs an id and a kind",
                        () -> new PlannedJob(null, JobKind.TRAIN, Arm.BASE, 0, null, Half.A, 0, null)),
                invalid(
                        "a planned job has a kind",
                        "needs an id and a kind",
                        () -> new PlannedJob(J, null, Arm.BASE, 0, null, Half.A, 0, null)),
                invalid("a problem names its field", "needs a field and a description", () -> new Problem(null, "x")),
                invalid(
                        "a problem says what is wrong",
                        "needs a field and a description",
                        () -> new Problem("x", null)),
                invalid("arms have wire names", "unknown arm 'frozen'", () -> Arm.fromWire("frozen")),
                invalid("directions have wire names", "unknown direction 'A_TO_B'", () -> Direction.fromWire("A_TO_B")),
                invalid("job kinds have wire names", "unknown job kind 'eval'", () -> JobKind.fromWire("eval")),
                invalid(
                        "event types are known",
                        "not a TransferLab event",
                        () -> EventTypes.of(io.transferlab.contracts.events.ExperimentEvent.class)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConstructions")
    void constructionBreakingAnInvariantIsRefused(String invariant, String message, ThrowingCallable construction) {
        assertThatThrownBy(construction)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void validConstructionsFillDefaults() {
        CheckpointSaved saved = new CheckpointSaved(null, null, 0, E, J, 1, 1, "s3://b/k", 10, SHA, true);
        assertThat(saved.eventId()).isNotBlank();
        assertThat(saved.occurredAt()).isBeforeOrEqualTo(Instant.now());
        assertThat(saved.schemaVersion()).isEqualTo(1);
        assertThat(new ExperimentCancelled(null, null, 0, E, null).reason()).isEqualTo("cancelled by user");
        DeadLettered dead = new DeadLettered(null, null, 0, "bad", null, "t", 1, 2, null, null, null, null);
        assertThat(dead.payloadEncoding()).isEqualTo("utf-8");
        assertThat(dead.originalHeaders()).isEmpty();
        assertThat(new SplitSpec(null, null, null, null, null)).isEqualTo(SplitSpec.random(0));
        assertThat(new ArchitectureSpec("tl8-gray28", null, null).width()).isEqualTo(1.0);
        assertThat(train(Arm.RANDOM_FROZEN, 4, null, Half.B).arm()).isEqualTo(Arm.RANDOM_FROZEN);
        assertThat(new ExperimentPlanned(null, null, 0, E, List.of(PLANNED)).jobs())
                .containsExactly(PLANNED);
        assertThat(new JobCompleted(null, null, 0, E, J, 1, RESULT).key()).isEqualTo(J);
        assertThat(new TransferScoresComputed(null, null, 0, E, false, new ScoreTable(null, null, null, null, 0, 0))
                        .scores()
                        .arms())
                .isEmpty();
    }

    @Test
    void recordsAreImmutableCopies() {
        List<Long> seeds = new java.util.ArrayList<>(List.of(0L, 1L));
        Map<String, String> tags = new java.util.HashMap<>(Map.of("a", "b"));
        ExperimentRequested request = new ExperimentRequested(
                null, null, 0, E, DATA, null, null, null, null, null, seeds, null, null, null, tags);
        seeds.add(2L);
        tags.put("c", "d");
        assertThat(request.seeds()).containsExactly(0L, 1L);
        assertThat(request.tags()).containsOnlyKeys("a");
        assertThatThrownBy(() -> request.seeds().add(3L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void invariantsAlsoGuardDeserialisation() {
        ObjectNode heartbeat = (ObjectNode) Fixtures.of("JobHeartbeat.v1.json").tree();
        heartbeat.put("progress", 75.0);
        assertThatThrownBy(() -> EventCodec.fromJson(EventCodec.toJson(heartbeat), JobHeartbeat.class))
                .isInstanceOf(EventCodec.MalformedEventException.class)
                .hasMessage("progress must be in [0, 1], got 75.0");

        ObjectNode spec =
                (ObjectNode) Fixtures.of("TrainingJobRequested.v1.json").tree();
        ((ObjectNode) spec.get("spec")).remove("sourceHalf");
        assertThatThrownBy(() -> EventCodec.fromJson(EventCodec.toJson(spec), TrainingJobRequested.class))
                .isInstanceOf(EventCodec.MalformedEventException.class)
                .hasMessage("arm transfer needs a source half");

        assertThatThrownBy(() -> EventCodec.fromJson(
                        "{\"dataset\":{\"name\":\"mnist\"},\"arms\":[\"frozen\"]}", ExperimentRequested.class))
                .isInstanceOf(EventCodec.MalformedEventException.class)
                .hasMessage("unknown arm 'frozen'");
        assertThatThrownBy(() -> EventCodec.fromJson("not json", ExperimentRequested.class))
                .isInstanceOf(EventCodec.MalformedEventException.class);
        assertThatThrownBy(() -> EventCodec.fromCloudEvent("io.transferlab.Unknown.v1", new byte[0]))
                .isInstanceOf(EventCodec.MalformedEventException.class)
                .hasMessageContaining("unknown CloudEvents type");
    }

    private static ExperimentRequested request() {
        return new ExperimentRequested(
                null, null, 0, E, DATA, null, null, null, null, null, null, null, null, null, null);
    }
}

package io.transferlab.trainer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transferlab.contracts.model.ArchitectureSpec;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.CheckpointRef;
import io.transferlab.contracts.model.DatasetSpec;
import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.JobKind;
import io.transferlab.contracts.model.JobSpec;
import io.transferlab.contracts.model.SplitSpec;
import io.transferlab.contracts.model.TrainingSettings;
import io.transferlab.trainer.engine.checkpoint.Checkpoint;
import io.transferlab.trainer.engine.checkpoint.CheckpointFiles;
import io.transferlab.trainer.engine.network.ArmNetworks;
import io.transferlab.trainer.engine.training.TrainingState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade end to end on a tiny Fashion-MNIST-format dataset written to disk. */
class JobRunnerTest {
    private static final SplitSpec SPLIT = SplitSpec.explicit(List.of(0, 1, 2, 3, 4), List.of(5, 6, 7, 8, 9));
    private static final ArchitectureSpec ARCH = new ArchitectureSpec(ArchitectureSpec.GRAY28, 0.25, 0.5);
    private static final TrainingSettings HP = new TrainingSettings(2, 16, 0.01, 0, 0.1, 0.9, 5e-4, null, 0.25, 2);

    @TempDir
    static Path root;

    static Path data;
    static JobOutcome baseA;
    static JobOutcome baseB;
    static Recorder baseARecord = new Recorder();

    /** Everything a listener heard, in order. */
    static final class Recorder implements TrainingListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onStart(Integer resumedFromEpoch, String backend) {
            events.add("start " + resumedFromEpoch + " " + backend.startsWith("cpu"));
        }

        @Override
        public void onEpoch(EpochStats stats) {
            events.add("epoch " + stats.epoch());
        }

        @Override
        public void onComputed() {
            events.add("computed");
        }

        @Override
        public void onCheckpoint(int epoch, Path file, boolean isFinal) {
            assertThat(file).isRegularFile();
            events.add("checkpoint " + epoch + " " + file.getFileName() + " " + isFinal);
        }
    }

    @BeforeAll
    static void trainBothBases() throws IOException {
        data = root.resolve("fashion-mnist");
        Files.createDirectories(data);
        writeIdx(data, "train", 10, 12, 1);
        writeIdx(data, "t10k", 10, 4, 2);
        baseA = new JobRunner().run(job("baseA", base(Half.A), Map.of(), null), baseARecord, () -> false);
        baseB = new JobRunner().run(job("baseB", base(Half.B), Map.of(), null), TrainingListener.NONE, () -> false);
    }

    @Test
    void aBaseJobTrainsWritesCheckpointsAndReportsTheOutcome() {
        assertThat(baseARecord.events)
                .containsExactly(
                        "start null true",
                        "epoch 1",
                        "checkpoint 1 epoch-0001.ckpt false",
                        "epoch 2",
                        "checkpoint 2 epoch-0002.ckpt false",
                        "computed",
                        "checkpoint 2 final.ckpt true");
        assertThat(baseA.epochs()).isEqualTo(2);
        assertThat(baseA.testTop1()).isBetween(0.0, 1.0);
        assertThat(baseA.testTop5()).isNull();
        assertThat(baseA.summaryMetric()).isEqualTo(TrainingSettings.TEST_TOP1);
        assertThat(baseA.summaryTop1())
                .as("the default summary is the test top-1")
                .isEqualTo(baseA.testTop1());
        assertThat(baseA.finalCheckpoint()).isRegularFile().hasFileName("final.ckpt");
        assertThat(baseA.firstLayerFilters().count()).isEqualTo(8);
        assertThat(baseA.firstLayerFilters().channels()).isEqualTo(1);
        assertThat(baseA.firstLayerFilters().height()).isEqualTo(5);
        assertThat(baseA.cka()).isNull();
        Checkpoint ck = CheckpointFiles.read(baseA.finalCheckpoint());
        assertThat(ck.metadata().complete()).isTrue();
        assertThat(ck.metadata().run().classes()).containsExactly(0, 1, 2, 3, 4);
        assertThat(ck.metadata().run().architecture().numClasses()).isEqualTo(5);
    }

    @Test
    void aWarmUpDecodesTheDatasetForTheJobsAndLeavesTheirResultsAsTheyWere() {
        JobRunner runner = new JobRunner();

        assertThat(runner.warmUp("fashion-mnist", data))
                .hasValueSatisfying(took -> assertThat(took).isPositive());
        assertThat(runner.datasetDecodes()).isEqualTo(1);
        JobOutcome warm =
                runner.run(job("warm-baseB", base(Half.B), Map.of(), null), TrainingListener.NONE, () -> false);

        assertThat(runner.datasetDecodes())
                .as("the job found the dataset the warm-up decoded")
                .isEqualTo(1);
        assertThat(warm.testTop1())
                .as("same network as on a runner without a warm-up")
                .isEqualTo(baseB.testTop1());
        assertThat(CheckpointFiles.read(warm.finalCheckpoint())
                        .restoreNetwork()
                        .params()
                        .data()
                        .asFloat())
                .containsExactly(CheckpointFiles.read(baseB.finalCheckpoint())
                        .restoreNetwork()
                        .params()
                        .data()
                        .asFloat());
        assertThat(new JobRunner().warmUp("fashion-mnist", root.resolve("absent")))
                .isEmpty();
        assertThat(new JobRunner().warmUp("folder", data))
                .as("no default architecture")
                .isEmpty();
    }

    @Test
    void aTransferJobCopiesAndFreezesTheBaseLayers() {
        CheckpointRef ref = ref("baseA", baseA.finalCheckpoint());
        JobSpec spec = new JobSpec(
                JobKind.TRAIN,
                Arm.TRANSFER,
                3,
                Half.A,
                Half.B,
                0,
                DatasetSpec.named("fashion-mnist"),
                SPLIT,
                ARCH,
                HP,
                List.of(ref));

        JobOutcome out = new JobRunner()
                .run(
                        job("transfer", spec, Map.of("baseA", baseA.finalCheckpoint()), null),
                        TrainingListener.NONE,
                        () -> false);

        MultiLayerNetwork source = CheckpointFiles.read(baseA.finalCheckpoint()).restoreNetwork();
        Checkpoint result = CheckpointFiles.read(out.finalCheckpoint());
        MultiLayerNetwork trained = result.restoreNetwork();
        for (int l = 1; l <= 3; l++) {
            assertThat(ArmNetworks.layerParams(trained, l).data().asFloat())
                    .containsExactly(ArmNetworks.layerParams(source, l).data().asFloat());
        }
        assertThat(Arrays.equals(
                        ArmNetworks.layerParams(trained, 4).data().asFloat(),
                        ArmNetworks.layerParams(source, 4).data().asFloat()))
                .isFalse();
        assertThat(result.metadata().run().sourceDigest()).isEqualTo(ref.sha256());
        assertThat(result.metadata().run().frozenLayers()).isEqualTo(3);
        assertThat(out.firstLayerFilters()).isNull();
    }

    @Test
    void theBest10OfTheLastHalfRuleAveragesOnlyLateValidations() {
        TrainingSettings hp = HP.withOptions(TrainingSettings.BEST10_LAST_HALF, null, null);
        JobSpec spec = new JobSpec(
                JobKind.TRAIN,
                Arm.BASE,
                0,
                null,
                Half.A,
                0,
                DatasetSpec.named("fashion-mnist"),
                SPLIT,
                ARCH,
                hp,
                List.of());

        JobOutcome out = new JobRunner().run(job("late", spec, Map.of(), null), TrainingListener.NONE, () -> false);

        TrainingState state =
                CheckpointFiles.read(out.finalCheckpoint()).metadata().state();
        assertThat(state.validationHistory()).hasSize(4);
        assertThat(out.summaryMetric()).isEqualTo(TrainingSettings.BEST10_LAST_HALF);
        assertThat(out.summaryTop1())
                .isEqualTo(
                        (state.validationHistory().get(2)
                                        + state.validationHistory().get(3))
                                / 2,
                        org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void sourceNormalisationFeedsTheTargetImagesScaledWithTheSourceCheckpointsStatistics() {
        TrainingSettings hp = HP.withOptions(null, null, TrainingSettings.NORMALISE_SOURCE);
        CheckpointRef ref = ref("baseA", baseA.finalCheckpoint());
        JobSpec spec = new JobSpec(
                JobKind.TRAIN,
                Arm.TRANSFER,
                2,
                Half.A,
                Half.B,
                0,
                DatasetSpec.named("fashion-mnist"),
                SPLIT,
                ARCH,
                hp,
                List.of(ref));
        JobSpec targetStats = new JobSpec(
                JobKind.TRAIN,
                Arm.TRANSFER,
                2,
                Half.A,
                Half.B,
                0,
                DatasetSpec.named("fashion-mnist"),
                SPLIT,
                ARCH,
                HP,
                List.of(ref));

        JobOutcome source = new JobRunner()
                .run(
                        job("src-norm", spec, Map.of("baseA", baseA.finalCheckpoint()), null),
                        TrainingListener.NONE,
                        () -> false);
        JobOutcome target = new JobRunner()
                .run(
                        job("tgt-norm", targetStats, Map.of("baseA", baseA.finalCheckpoint()), null),
                        TrainingListener.NONE,
                        () -> false);

        var a = CheckpointFiles.read(baseA.finalCheckpoint()).metadata().run();
        var b = CheckpointFiles.read(baseB.finalCheckpoint()).metadata().run();
        var withSource =
                CheckpointFiles.read(source.finalCheckpoint()).metadata().run();
        var withTarget =
                CheckpointFiles.read(target.finalCheckpoint()).metadata().run();
        assertThat(withSource.mean()).containsExactly(a.mean());
        assertThat(withSource.std()).containsExactly(a.std());
        assertThat(withTarget.mean()).containsExactly(b.mean());
        assertThat(a.mean()[0]).isNotEqualTo(b.mean()[0]);
        // resuming a source-normalised job finds the same statistics again
        Path epoch1 = source.finalCheckpoint().resolveSibling(CheckpointFiles.epochFileName(1));
        JobOutcome resumed = new JobRunner()
                .run(
                        job("src-norm", spec, Map.of("baseA", baseA.finalCheckpoint()), epoch1),
                        TrainingListener.NONE,
                        () -> false);
        assertThat(resumed.testTop1()).isEqualTo(source.testTop1());
    }

    @Test
    void unknownOptionsAreRefused() {
        for (TrainingSettings hp : List.of(
                HP.withOptions("best-ever", null, null),
                HP.withOptions(null, "zeros", null),
                HP.withOptions(null, null, "imagenet"))) {
            JobSpec spec = new JobSpec(
                    JobKind.TRAIN,
                    Arm.BASE,
                    0,
                    null,
                    Half.A,
                    0,
                    DatasetSpec.named("fashion-mnist"),
                    SPLIT,
                    ARCH,
                    hp,
                    List.of());
            assertThatThrownBy(() -> new JobRunner()
                            .run(job("bad-option", spec, Map.of(), null), TrainingListener.NONE, () -> false))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("training settings");
        }
    }

    @Test
    void aBaseCheckpointWithAnotherDigestOrHalfIsRefused() {
        CheckpointRef wrongDigest = new CheckpointRef("baseA", "s3://b/x", "00".repeat(32));
        JobSpec spec = new JobSpec(
                JobKind.TRAIN,
                Arm.TRANSFER,
                2,
                Half.A,
                Half.B,
                0,
                DatasetSpec.named("fashion-mnist"),
                SPLIT,
                ARCH,
                HP,
                List.of(wrongDigest));
        assertThatThrownBy(() -> new JobRunner()
                        .run(
                                job("t1", spec, Map.of("baseA", baseA.finalCheckpoint()), null),
                                TrainingListener.NONE,
                                () -> false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("SHA-256");

        CheckpointRef bAsA = ref("baseA", baseB.finalCheckpoint());
        JobSpec wrongHalf = new JobSpec(
                JobKind.TRAIN,
                Arm.TRANSFER,
                2,
                Half.A,
                Half.B,
                0,
                DatasetSpec.named("fashion-mnist"),
                SPLIT,
                ARCH,
                HP,
                List.of(bAsA));
        assertThatThrownBy(() -> new JobRunner()
                        .run(
                                job("t2", wrongHalf, Map.of("baseA", baseB.finalCheckpoint()), null),
                                TrainingListener.NONE,
                                () -> false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a finished base network of half A");
    }

    @Test
    void resumingFromAnEpochCheckpointEndsWhereTheUninterruptedRunEnded() {
        Path epoch1 = baseA.finalCheckpoint().resolveSibling(CheckpointFiles.epochFileName(1));
        Recorder recorder = new Recorder();

        JobOutcome resumed =
                new JobRunner().run(job("baseA-resumed", base(Half.A), Map.of(), epoch1), recorder, () -> false);

        assertThat(recorder.events.get(0)).isEqualTo("start 1 true");
        assertThat(recorder.events).doesNotContain("epoch 1");
        assertThat(CheckpointFiles.read(resumed.finalCheckpoint())
                        .params()
                        .data()
                        .asFloat())
                .containsExactly(CheckpointFiles.read(baseA.finalCheckpoint())
                        .params()
                        .data()
                        .asFloat());
        assertThat(resumed.summaryTop1()).isEqualTo(baseA.summaryTop1());
        assertThat(resumed.testTop1()).isEqualTo(baseA.testTop1());
    }

    @Test
    void resumingWithAnotherJobsCheckpointIsRefused() {
        Path epoch1 = baseA.finalCheckpoint().resolveSibling(CheckpointFiles.epochFileName(1));
        assertThatThrownBy(() -> new JobRunner()
                        .run(job("b-resumed", base(Half.B), Map.of(), epoch1), TrainingListener.NONE, () -> false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("targetHalf");
    }

    @Test
    void invalidTrainingSettingsAreRefused() {
        TrainingSettings noValidation = new TrainingSettings(1, 16, 0.01, 0, 0.1, 0.9, 5e-4, null, 0.0, 1);
        JobSpec spec = new JobSpec(
                JobKind.TRAIN,
                Arm.BASE,
                0,
                null,
                Half.A,
                0,
                DatasetSpec.named("fashion-mnist"),
                SPLIT,
                ARCH,
                noValidation,
                List.of());
        assertThatThrownBy(
                        () -> new JobRunner().run(job("bad", spec, Map.of(), null), TrainingListener.NONE, () -> false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("training settings");
    }

    @Test
    void epochsShorterThanTheCheckpointIntervalLeaveOnlyTheFinalCheckpoint() {
        Recorder heard = new Recorder();
        Path work = root.resolve("work").resolve("sparse");
        JobOutcome outcome = new JobRunner()
                .run(
                        new EngineJob("exp", "sparse", base(Half.A), data, Map.of(), null, work, Duration.ofHours(1)),
                        heard,
                        () -> false);

        assertThat(heard.events)
                .containsExactly("start null true", "epoch 1", "epoch 2", "computed", "checkpoint 2 final.ckpt true");
        assertThat(work.resolve(CheckpointFiles.epochFileName(1))).doesNotExist();
        assertThat(outcome.testTop1())
                .as("the same training as with a checkpoint every epoch")
                .isEqualTo(baseA.testTop1());
    }

    @Test
    void cancellationStopsTheJob() {
        assertThatThrownBy(() -> new JobRunner()
                        .run(job("cancelled", base(Half.A), Map.of(), null), TrainingListener.NONE, () -> true))
                .isInstanceOf(JobCancelledException.class);
    }

    @Test
    void aCkaJobComparesEveryLayerOfBothBases() {
        JobSpec spec = new JobSpec(
                JobKind.CKA,
                null,
                0,
                null,
                null,
                0,
                DatasetSpec.named("fashion-mnist"),
                SPLIT,
                ARCH,
                HP,
                List.of(ref("baseA", baseA.finalCheckpoint()), ref("baseB", baseB.finalCheckpoint())));

        JobOutcome out = new JobRunner()
                .run(
                        job(
                                "cka",
                                spec,
                                Map.of("baseA", baseA.finalCheckpoint(), "baseB", baseB.finalCheckpoint()),
                                null),
                        TrainingListener.NONE,
                        () -> false);

        assertThat(out.cka().probeImages()).isEqualTo(40);
        assertThat(out.cka().linear())
                .hasSize(8)
                .allSatisfy(row ->
                        assertThat(row).hasSize(8).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0 + 1e-9)));
        assertThat(out.cka().debiased()).hasSize(8);
        assertThat(out.cka().reduction()).isNotBlank();
        assertThat(out.finalCheckpoint()).isNull();
    }

    private static JobSpec base(Half half) {
        return new JobSpec(
                JobKind.TRAIN,
                Arm.BASE,
                0,
                null,
                half,
                0,
                DatasetSpec.named("fashion-mnist"),
                SPLIT,
                ARCH,
                HP,
                List.of());
    }

    private static EngineJob job(String id, JobSpec spec, Map<String, Path> inputs, Path resumeFrom) {
        return new EngineJob(
                "exp", id, spec, data, inputs, resumeFrom, root.resolve("work").resolve(id), Duration.ZERO);
    }

    private static CheckpointRef ref(String jobId, Path file) {
        return new CheckpointRef(jobId, "s3://transferlab/" + jobId, CheckpointFiles.sha256(file));
    }

    /** IDX files of {@code classes x perClass} 28x28 images: a bright block whose place depends on the class. */
    private static void writeIdx(Path dir, String prefix, int classes, int perClass, long seed) throws IOException {
        int n = classes * perClass;
        ByteBuffer images = ByteBuffer.allocate(16 + n * 784)
                .putInt(0x803)
                .putInt(n)
                .putInt(28)
                .putInt(28);
        ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(0x801).putInt(n);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            labels.put((byte) c);
            int top = 2 + (c % 4) * 6;
            int left = 2 + (c / 4) * 6;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    boolean on = y >= top && y < top + 5 && x >= left && x < left + 5;
                    images.put((byte) (on ? 200 + rng.nextInt(56) : rng.nextInt(80)));
                }
            }
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.array());
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
    }
}

package io.transferlab.trainer.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transferlab.contracts.model.TrainingSettings;
import io.transferlab.trainer.engine.EngineFixtures;
import io.transferlab.trainer.engine.InvalidInputException;
import io.transferlab.trainer.engine.TrainingListener;
import io.transferlab.trainer.engine.checkpoint.CheckpointMetadata.RunIdentity;
import io.transferlab.trainer.engine.data.HalfData;
import io.transferlab.trainer.engine.network.NetworkSpec;
import io.transferlab.trainer.engine.network.Tl8Network;
import io.transferlab.trainer.engine.training.Trainer;
import io.transferlab.trainer.engine.training.TrainingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class CheckpointFilesTest {
    private static final NetworkSpec SPEC = EngineFixtures.tinySpec(5);
    private static final TrainingSettings HP = EngineFixtures.settings(3, 16);
    private static final long SEED = 4;

    @TempDir
    Path dir;

    static RunIdentity identity(NetworkSpec spec, int frozen) {
        return new RunIdentity(
                "exp1",
                "exp1.selffer.n2.BB.s4",
                "selffer",
                2,
                frozen,
                "B",
                "B",
                SEED,
                "abc",
                "synthetic",
                "d1",
                "s1",
                EngineFixtures.classes(spec.numClasses()),
                spec,
                HP,
                new float[] {0f},
                new float[] {1f});
    }

    private static float[] bits(INDArray a) {
        return a.data().asFloat();
    }

    @Test
    void aResumedRunEndsBitIdenticalToAnUninterruptedOne() {
        HalfData data = EngineFixtures.halfData(5, 16, 2);
        RunIdentity run = identity(SPEC, 2);
        Path epoch1 = dir.resolve(CheckpointFiles.epochFileName(1));
        MultiLayerNetwork straight = Tl8Network.create(SPEC, HP, 2, 5);
        TrainingState straightEnd = new Trainer(straight, HP, SEED)
                .train(data, TrainingState.fresh(), TrainingListener.NONE, () -> false, s -> {
                    if (s.epochsCompleted() == 1) {
                        CheckpointFiles.write(epoch1, straight, run, s, false, "test");
                    }
                });

        Checkpoint ck = CheckpointFiles.read(epoch1);
        ck.requireSameRun(run, epoch1.toString());
        MultiLayerNetwork resumed = ck.restoreNetwork();
        assertThat(ck.metadata().state().epochsCompleted()).isEqualTo(1);
        TrainingState resumedEnd = new Trainer(resumed, HP, SEED)
                .train(data, ck.metadata().state(), TrainingListener.NONE, () -> false, s -> {});

        assertThat(Arrays.equals(bits(resumed.params()), bits(straight.params())))
                .isTrue();
        assertThat(Arrays.equals(
                        bits(resumed.getUpdater().getStateViewArray()),
                        bits(straight.getUpdater().getStateViewArray())))
                .isTrue();
        assertThat(resumedEnd.validationHistory()).isEqualTo(straightEnd.validationHistory());
        assertThat(resumedEnd.iteration()).isEqualTo(straightEnd.iteration());
    }

    @Test
    void aCheckpointDescribesItselfAndRestoresTheSameNetwork() throws Exception {
        MultiLayerNetwork net = Tl8Network.create(SPEC, HP, 0, 8);
        TrainingState state = new TrainingState(2, 20, java.util.List.of(0.5, 0.75), java.util.List.of());
        Path file = dir.resolve("final.ckpt");

        CheckpointFiles.write(file, net, identity(SPEC, 0), state, true, "cpu");
        Checkpoint ck = CheckpointFiles.read(file);

        assertThat(ck.metadata().format()).isEqualTo(CheckpointMetadata.FORMAT);
        assertThat(ck.metadata().complete()).isTrue();
        assertThat(ck.metadata().state()).isEqualTo(state);
        assertThat(ck.metadata().run().architecture()).isEqualTo(SPEC);
        assertThat(ck.metadata().run().training()).isEqualTo(HP);
        assertThat(ck.metadata().run().sourceDigest()).isEqualTo("abc");
        assertThat(ck.fileSha256()).isEqualTo(CheckpointFiles.sha256(file));
        MultiLayerNetwork back = ck.restoreNetwork();
        assertThat(Arrays.equals(bits(back.params()), bits(net.params()))).isTrue();
        assertThat(back.getIterationCount()).isEqualTo(20);
        INDArray x = EngineFixtures.halfData(5, 2, 1).test().pixels().length > 0
                ? Trainer.batchOf(EngineFixtures.images(5, 2, 3), null, 0, 10, false)
                        .getFeatures()
                : null;
        assertThat(Arrays.equals(bits(back.output(x, false)), bits(net.output(x, false))))
                .isTrue();
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            assertThat(zip.getEntry("configuration.json")).isNotNull();
            assertThat(zip.getEntry("updater.bin")).isNotNull();
        }
    }

    @Test
    void corruptTruncatedAndForeignFilesAreRefusedWithTheFileName() throws Exception {
        MultiLayerNetwork net = Tl8Network.create(SPEC, HP, 0, 8);
        Path good = dir.resolve("good.ckpt");
        CheckpointFiles.write(good, net, identity(SPEC, 0), TrainingState.fresh(), false, "cpu");
        byte[] bytes = Files.readAllBytes(good);

        Path truncated = Files.write(dir.resolve("truncated.ckpt"), Arrays.copyOf(bytes, bytes.length / 2));
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x55;
        Path corrupt = Files.write(dir.resolve("corrupt.ckpt"), flipped);
        Path foreign = Files.write(dir.resolve("foreign.ckpt"), "not a checkpoint".getBytes());

        for (Path bad : new Path[] {truncated, corrupt, foreign}) {
            assertThatThrownBy(() -> CheckpointFiles.read(bad))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(bad.toString());
        }
    }

    @Test
    void aCheckpointOfAnotherArchitectureIsRefused() {
        NetworkSpec wider = new NetworkSpec(SPEC.preset(), 1, 28, 28, 0.5, 0.5, 5);
        Path file = dir.resolve("epoch-0001.ckpt");
        CheckpointFiles.write(
                file, Tl8Network.create(wider, HP, 0, 1), identity(wider, 0), TrainingState.fresh(), false, "cpu");
        Checkpoint ck = CheckpointFiles.read(file);

        assertThatThrownBy(() -> ck.requireSameRun(identity(SPEC, 0), file.toString()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("architecture");

        Path lying = dir.resolve("lying.ckpt");
        CheckpointFiles.write(
                lying, Tl8Network.create(wider, HP, 0, 1), identity(SPEC, 0), TrainingState.fresh(), false, "cpu");
        assertThatThrownBy(() -> CheckpointFiles.read(lying).restoreNetwork())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("parameters");
    }
}

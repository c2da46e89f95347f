package io.transferlab.trainer.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.model.TrainingSettings;
import io.transferlab.trainer.engine.EngineFixtures;
import io.transferlab.trainer.engine.network.NetworkSpec;
import io.transferlab.trainer.engine.network.Tl8Network;
import io.transferlab.trainer.engine.training.TrainingState;
import java.nio.file.Path;
import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadCheckpointsTest {
    private static final NetworkSpec SPEC = EngineFixtures.tinySpec(5);
    private static final TrainingSettings HP = EngineFixtures.settings(3, 16);

    @TempDir
    Path dir;

    private Path write(String name, long seed) {
        MultiLayerNetwork net = Tl8Network.create(SPEC, HP, 0, seed);
        Path file = dir.resolve(name);
        CheckpointFiles.write(file, net, CheckpointFilesTest.identity(SPEC, 0), TrainingState.fresh(), true, "test");
        return file;
    }

    @Test
    void aCheckpointIsReadOncePerDigestAndServedFromMemoryAfterwards() {
        Path a = write("a.ckpt", 1);
        Path b = write("b.ckpt", 2);
        String shaA = CheckpointFiles.sha256(a);
        String shaB = CheckpointFiles.sha256(b);
        ReadCheckpoints read = new ReadCheckpoints(64L * 1024 * 1024);

        Checkpoint first = read.read(a, shaA);
        Checkpoint again = read.read(a, shaA.toUpperCase());
        Checkpoint other = read.read(b, shaB);

        assertThat(again).isSameAs(first);
        assertThat(other.fileSha256()).isEqualTo(shaB);
        assertThat(read.reads()).isEqualTo(2);
        // what is served from memory restores the same network as the file
        assertThat(Arrays.equals(
                        again.restoreNetwork().params().data().asFloat(),
                        CheckpointFiles.read(a).restoreNetwork().params().data().asFloat()))
                .isTrue();
    }

    @Test
    void aFileThatIsNotWhatItsDigestSaysIsNeverKeptAndNothingBeyondTheBudgetIsKept() {
        Path a = write("a.ckpt", 1);
        Path b = write("b.ckpt", 2);
        String shaB = CheckpointFiles.sha256(b);
        ReadCheckpoints read = new ReadCheckpoints(64L * 1024 * 1024);

        // a file read under another file's digest is returned as it is (the caller compares digests) but not kept
        assertThat(read.read(a, shaB).fileSha256()).isNotEqualTo(shaB);
        assertThat(read.read(b, shaB).fileSha256()).isEqualTo(shaB);
        assertThat(read.reads()).isEqualTo(2);

        ReadCheckpoints none = new ReadCheckpoints(0);
        none.read(b, shaB);
        none.read(b, shaB);
        assertThat(none.reads()).as("larger than the budget: read every time").isEqualTo(2);
    }
}

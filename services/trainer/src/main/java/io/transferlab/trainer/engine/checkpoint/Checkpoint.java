package io.transferlab.trainer.engine.checkpoint;

import io.transferlab.trainer.engine.InvalidInputException;
import io.transferlab.trainer.engine.checkpoint.CheckpointMetadata.RunIdentity;
import io.transferlab.trainer.engine.network.Tl8Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A checkpoint read from a file: its metadata, parameters and updater (momentum) state. */
public record Checkpoint(CheckpointMetadata metadata, INDArray params, INDArray updaterState, String fileSha256) {

    /** A network with this checkpoint's architecture, parameters, updater state and counters. */
    public MultiLayerNetwork restoreNetwork() {
        RunIdentity run = metadata.run();
        MultiLayerNetwork net = Tl8Network.create(run.architecture(), run.training(), run.frozenLayers(), 0);
        if (net.params().length() != params.length()) {
            throw new InvalidInputException("checkpoint of job " + run.jobId() + " has " + params.length()
                    + " parameters, but its architecture (" + run.architecture().describe() + ") has "
                    + net.params().length());
        }
        net.setParams(params.reshape(net.params().shape()).castTo(net.params().dataType()));
        if (updaterState != null) {
            INDArray view = net.getUpdater().getStateViewArray();
            if (view == null || view.length() != updaterState.length()) {
                throw new InvalidInputException("checkpoint of job " + run.jobId() + " has an updater state of "
                        + updaterState.length() + " values; the network needs " + (view == null ? 0 : view.length()));
            }
            view.assign(updaterState.reshape(view.shape()));
        }
        net.setIterationCount((int) metadata.state().iteration());
        net.setEpochCount(metadata.state().epochsCompleted());
        return net;
    }

    /** Refuses to resume a run from a checkpoint of another run, naming what differs. */
    public void requireSameRun(RunIdentity expected, String file) {
        RunIdentity actual = metadata.run();
        List<String> diffs = new ArrayList<>();
        diff(diffs, "arm", expected.arm(), actual.arm());
        diff(diffs, "n", expected.n(), actual.n());
        diff(diffs, "frozenLayers", expected.frozenLayers(), actual.frozenLayers());
        diff(diffs, "sourceHalf", expected.sourceHalf(), actual.sourceHalf());
        diff(diffs, "targetHalf", expected.targetHalf(), actual.targetHalf());
        diff(diffs, "seed", expected.seed(), actual.seed());
        diff(diffs, "dataset", expected.dataset(), actual.dataset());
        diff(diffs, "datasetDigest", expected.datasetDigest(), actual.datasetDigest());
        diff(diffs, "splitDigest", expected.splitDigest(), actual.splitDigest());
        diff(diffs, "classes", expected.classes(), actual.classes());
        diff(diffs, "architecture", expected.architecture(), actual.architecture());
        diff(diffs, "training", expected.training(), actual.training());
        if (!Arrays.equals(expected.mean(), actual.mean()) || !Arrays.equals(expected.std(), actual.std())) {
            diffs.add("normalisation (mean/std)");
        }
        if (!diffs.isEmpty()) {
            throw new InvalidInputException("checkpoint " + file + " belongs to another run (" + actual.jobId()
                    + "); it differs in: " + String.join("; ", diffs));
        }
    }

    private static void diff(List<String> out, String name, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            out.add(name + " " + actual + " instead of " + expected);
        }
    }
}

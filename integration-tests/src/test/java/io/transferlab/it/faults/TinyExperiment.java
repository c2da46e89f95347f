package io.transferlab.it.faults;

import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.DatasetSpec;
import io.transferlab.contracts.model.Direction;
import io.transferlab.contracts.model.SplitSpec;
import io.transferlab.contracts.model.TrainingSettings;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real experiment small enough that each job takes seconds: Fashion-MNIST, one direction (A to B),
 * one seed, a few images per class. {@link #jobs()} is its plan's size: two bases, then a selffer and
 * a transfer per cut.
 */
record TinyExperiment(String experimentId, List<Integer> cuts, int epochs, int imagesPerClass) {

    static TinyExperiment named(String prefix, List<Integer> cuts, int epochs, int imagesPerClass) {
        return new TinyExperiment(
                prefix + "-" + UUID.randomUUID().toString().substring(0, 8), List.copyOf(cuts), epochs, imagesPerClass);
    }

    int jobs() {
        return 2 + 2 * cuts.size();
    }

    ExperimentRequested request() {
        TrainingSettings training =
                new TrainingSettings(epochs, 16, null, null, null, null, null, imagesPerClass, null, 1);
        return new ExperimentRequested(
                null,
                null,
                0,
                experimentId,
                DatasetSpec.named("fashion-mnist"),
                SplitSpec.random(0),
                null,
                List.of(Arm.BASE, Arm.SELFFER, Arm.TRANSFER),
                cuts,
                Direction.A_TO_B,
                List.of(0L),
                training,
                false,
                null,
                Map.of("purpose", "fault-suite"));
    }
}

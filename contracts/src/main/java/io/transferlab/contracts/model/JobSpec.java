package io.transferlab.contracts.model;

import java.util.List;

/**
 * Everything a trainer needs to run one job. For a TRAIN job: the arm, the layer cut {@code n}
 * (0 for base), the half whose base network layers are copied from ({@code sourceHalf}, null for base
 * and random-frozen) and the half trained on ({@code targetHalf}). {@code inputs} are the checkpoints
 * it reads: the base network to copy from, or for a CKA job the two base networks (A first, then B).
 */
public record JobSpec(
        JobKind kind,
        Arm arm,
        int n,
        Half sourceHalf,
        Half targetHalf,
        long seed,
        DatasetSpec dataset,
        SplitSpec split,
        ArchitectureSpec architecture,
        TrainingSettings training,
        List<CheckpointRef> inputs) {

    public JobSpec {
        if (kind == null || dataset == null || split == null || architecture == null || training == null) {
            throw new IllegalArgumentException("a job needs kind, dataset, split, architecture and training");
        }
        if (kind == JobKind.TRAIN) {
            if (arm == null || targetHalf == null) {
                throw new IllegalArgumentException("a training job needs an arm and a target half");
            }
            if ((arm == Arm.BASE) != (n == 0)) {
                throw new IllegalArgumentException("n must be 0 for base and at least 1 for every other arm");
            }
            if (arm.copiesWeights() && sourceHalf == null) {
                throw new IllegalArgumentException("arm " + arm.wireName() + " needs a source half");
            }
        }
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
    }
}

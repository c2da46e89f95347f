package io.transferlab.trainer.engine;

import java.nio.file.Path;

/** Progress of one job, reported synchronously from the training thread. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {};

    default void onStart(Integer resumedFromEpoch, String backend) {}

    /** After every mini-batch; progress in [0,1]. */
    default void onIteration(int epoch, long iteration, double progress) {}

    default void onEpoch(EpochStats stats) {}

    /**
     * Training and every evaluation are over; what is left (writing the final checkpoint) is short and mostly
     * I/O, so the job's compute slot may go to the next job.
     */
    default void onComputed() {}

    /** Called synchronously after the engine has fully written an epoch (or the final) checkpoint file. */
    default void onCheckpoint(int epoch, Path file, boolean isFinal) {}
}

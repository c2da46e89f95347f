package io.transferlab.contracts.events;

/** Events about one training job: the job request itself and what trainers report about it. */
public sealed interface JobEvent extends TransferLabEvent
        permits TrainingJobRequested,
                JobStarted,
                JobHeartbeat,
                EpochCompleted,
                CheckpointSaved,
                JobCompleted,
                JobFailed,
                JobCancelled {

    String experimentId();

    String jobId();

    /** 1 for the first dispatch, incremented on every re-dispatch. */
    int attempt();

    /** Job events are keyed by job id; all of one job's events stay ordered. */
    @Override
    default String key() {
        return jobId();
    }
}

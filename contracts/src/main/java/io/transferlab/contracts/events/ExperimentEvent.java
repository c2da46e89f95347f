package io.transferlab.contracts.events;

/** Events keyed by experiment id: requests, lifecycle and scores. */
public sealed interface ExperimentEvent extends TransferLabEvent
        permits ExperimentRequested,
                ExperimentAccepted,
                ExperimentRejected,
                ExperimentPlanned,
                ExperimentProgress,
                ExperimentCompleted,
                ExperimentFailed,
                ExperimentCancelled,
                TransferScoresComputed {

    String experimentId();

    @Override
    default String key() {
        return experimentId();
    }
}

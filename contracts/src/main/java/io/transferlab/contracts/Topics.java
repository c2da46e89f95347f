package io.transferlab.contracts;

import java.util.List;

/** Kafka topic names. Users and other tools depend on these exact strings. */
public final class Topics {
    public static final String EXPERIMENT_REQUESTS = "transferlab.experiment-requests";
    public static final String EXPERIMENT_EVENTS = "transferlab.experiment-events";
    public static final String TRAINING_JOBS = "transferlab.training-jobs";
    public static final String JOB_EVENTS = "transferlab.job-events";
    public static final String SCORES = "transferlab.scores";
    public static final String DEAD_LETTERS = "transferlab.dead-letters";

    /** The event topics: the system's public interface (asyncapi.yaml). */
    public static final List<String> ALL =
            List.of(EXPERIMENT_REQUESTS, EXPERIMENT_EVENTS, TRAINING_JOBS, JOB_EVENTS, SCORES, DEAD_LETTERS);

    /** Compacted snapshots of the coordinator's state (one record per experiment, one for its offsets). */
    public static final String COORDINATOR_STATE = "transferlab.coordinator-state";
    /** Compacted snapshots of the analytics' ledgers (one record per experiment, one for its offsets). */
    public static final String ANALYTICS_STATE = "transferlab.analytics-state";

    /** The services' own state topics: internal, read only by the service that writes them. */
    public static final List<String> STATE = List.of(COORDINATOR_STATE, ANALYTICS_STATE);

    private Topics() {}
}

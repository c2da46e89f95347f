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

    public static final List<String> ALL = List.of(
            EXPERIMENT_REQUESTS, EXPERIMENT_EVENTS, TRAINING_JOBS, JOB_EVENTS, SCORES, DEAD_LETTERS);

    private Topics() {
    }
}

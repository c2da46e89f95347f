package io.transferlab.analytics.service;

/** No event of this experiment has been seen. */
public class UnknownExperimentException extends RuntimeException {
    public UnknownExperimentException(String experimentId) {
        super("no experiment '" + experimentId + "' has been seen");
    }
}

package io.transferlab.analytics.ledger;

import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.model.PlannedJob;

/**
 * The one completion of a planned job that counts (the latest valid attempt). {@code accuracy} is the
 * chosen metric as a fraction, null for CKA jobs.
 */
public record CountedResult(PlannedJob job, JobCompleted completion, Double accuracy, boolean fellBack) {}

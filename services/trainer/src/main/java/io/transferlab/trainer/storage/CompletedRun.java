package io.transferlab.trainer.storage;

import io.transferlab.contracts.model.JobResult;
import io.transferlab.contracts.model.JobSpec;

/**
 * What one attempt of a job left in the store when it completed: the spec it trained and the result it
 * reported, whose checkpoint URI and SHA-256 name that attempt's write-once final checkpoint. A job
 * delivered again publishes this instead of training again.
 */
public record CompletedRun(int attempt, JobSpec spec, JobResult result) {}

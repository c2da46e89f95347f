package io.transferlab.trainer.engine;

/** Thrown by {@link JobRunner#run} when the cancellation check answered true after a mini-batch. */
public class JobCancelledException extends RuntimeException {
    public JobCancelledException() {
        super("job cancelled");
    }

    public JobCancelledException(String message) {
        super(message);
    }
}

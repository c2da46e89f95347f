package io.transferlab.trainer.training;

/** An event did not become durable; the job is left to be delivered again. */
public class EventNotPublishedException extends RuntimeException {
    public EventNotPublishedException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.transferlab.kafka;

/** A record that cannot be processed; the message is the reason a dead letter carries. */
public class UnreadableRecordException extends RuntimeException {
    public UnreadableRecordException(String reason) {
        super(reason);
    }

    public UnreadableRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

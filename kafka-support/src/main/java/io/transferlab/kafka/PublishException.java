package io.transferlab.kafka;

/**
 * Kafka did not acknowledge a record within the publish timeout (or refused it). The caller decides: retry,
 * answer HTTP 503, or rebuild its state from the topics, since its state may now be ahead of them.
 */
public class PublishException extends RuntimeException {
    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when retrying the same record cannot help (too large, invalid): the record itself is the problem. */
    public boolean recordRefused() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.RecordTooLargeException
                    || t instanceof org.apache.kafka.common.errors.RecordBatchTooLargeException
                    || t instanceof org.apache.kafka.common.InvalidRecordException
                    || t instanceof org.apache.kafka.common.errors.SerializationException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}

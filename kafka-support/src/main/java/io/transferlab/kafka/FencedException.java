package io.transferlab.kafka;

import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * A {@link AcknowledgedPublisher#fencing fencing} publisher was shut out: a newer one with the same
 * transactional id started (another coordinator was elected while this one was frozen or cut off). Nothing
 * of the failed publish is visible to {@code read_committed} readers, and no later publish will succeed;
 * the owner must stop deciding and find out whether it still leads.
 */
public final class FencedException extends PublishException {
    public FencedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when the failure, or any of its causes, says a newer producer epoch took over. */
    static boolean isFencing(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException
                    || t instanceof InvalidProducerEpochException
                    || t instanceof FencedException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}

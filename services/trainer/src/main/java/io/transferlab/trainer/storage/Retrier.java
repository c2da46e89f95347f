package io.transferlab.trainer.storage;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Retries an object-store call with exponential backoff (200 ms doubling up to 5 s) for at most
 * {@code retryFor}; past it, {@link ObjectStoreUnavailableException}. Failures that another try will
 * not fix (a missing object, a digest mismatch) pass straight through.
 */
public final class Retrier {
    private static final Logger LOG = Logger.getLogger(Retrier.class);
    private static final long FIRST_BACKOFF_MS = 200;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final Duration retryFor;
    private final Predicate<Exception> transientFailure;
    private final AtomicLong retries = new AtomicLong();

    public Retrier(Duration retryFor, Predicate<Exception> transientFailure) {
        this.retryFor = retryFor;
        this.transientFailure = transientFailure;
    }

    public Duration retryFor() {
        return retryFor;
    }

    /** Failed tries that were retried so far. */
    public long retries() {
        return retries.get();
    }

    public <T> T call(String what, Callable<T> action) {
        long deadline = System.nanoTime() + retryFor.toNanos();
        long backoff = FIRST_BACKOFF_MS;
        int attempt = 1;
        while (true) {
            try {
                return action.call();
            } catch (RuntimeException e) {
                if (!transientFailure.test(e)) {
                    throw e;
                }
                backoff = waitOrGiveUp(what, e, deadline, backoff, attempt++);
            } catch (Exception e) {
                if (!transientFailure.test(e)) {
                    throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
                }
                backoff = waitOrGiveUp(what, e, deadline, backoff, attempt++);
            }
        }
    }

    private long waitOrGiveUp(String what, Exception failure, long deadline, long backoff, int attempt) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new ObjectStoreUnavailableException(what + " still failing after " + retryFor.toSeconds()
                    + "s (" + attempt + " tries): " + failure.getMessage(), failure);
        }
        retries.incrementAndGet();
        long pause = Math.min(backoff, Math.max(1, left / 1_000_000));
        LOG.warnf("%s failed (try %d), retrying in %d ms: %s", what, attempt, pause, failure.toString());
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ObjectStoreUnavailableException(what + " interrupted while retrying", failure);
        }
        return Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
}

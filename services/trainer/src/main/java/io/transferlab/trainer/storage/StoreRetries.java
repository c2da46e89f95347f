package io.transferlab.trainer.storage;

import io.smallrye.faulttolerance.api.Guard;
import io.transferlab.kafka.BackoffRetry;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Object-store calls retried with exponential backoff (200 ms doubling up to 5 s) for at most
 * {@code retryFor} by SmallRye Fault Tolerance ({@link BackoffRetry}, metered as
 * {@code ft.retry.*{method="trainer.object-store"}}); past it, {@link ObjectStoreUnavailableException}.
 * Failures that another try will not fix (a missing object, a digest mismatch) pass straight through.
 */
final class StoreRetries {
    static final String NAME = "trainer.object-store";
    private static final Logger LOG = Logger.getLogger(StoreRetries.class);
    private static final Duration FIRST_DELAY = Duration.ofMillis(200);
    private static final Duration MAX_DELAY = Duration.ofSeconds(5);

    private final Duration retryFor;
    private final Predicate<Exception> transientFailure;
    private final AtomicLong retries = new AtomicLong();
    private final Guard guard;

    StoreRetries(Duration retryFor, Predicate<Exception> transientFailure) {
        this.retryFor = retryFor;
        this.transientFailure = transientFailure;
        this.guard = new BackoffRetry(NAME, FIRST_DELAY, MAX_DELAY, retryFor)
                .guard(this::isTransient, failure -> retries.incrementAndGet());
    }

    /** Failed tries that were retried so far. */
    long retries() {
        return retries.get();
    }

    @SuppressWarnings("unchecked")
    <T> T call(String what, Callable<T> action) {
        AtomicInteger tries = new AtomicInteger();
        try {
            return (T) guard.call(
                    () -> {
                        int attempt = tries.incrementAndGet();
                        try {
                            return action.call();
                        } catch (Exception e) {
                            if (transientFailure.test(e)) {
                                LOG.warnf(
                                        "%s failed (try %d), retried with backoff for up to %d s: %s",
                                        what, attempt, retryFor.toSeconds(), e.toString());
                            }
                            throw e;
                        }
                    },
                    Object.class);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ObjectStoreUnavailableException(what + " interrupted while retrying", e);
        } catch (RuntimeException e) {
            if (transientFailure.test(e)) {
                throw exhausted(what, e, tries.get());
            }
            throw e;
        } catch (Exception e) {
            if (transientFailure.test(e)) {
                throw exhausted(what, e, tries.get());
            }
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }

    private boolean isTransient(Throwable failure) {
        return failure instanceof Exception e && transientFailure.test(e);
    }

    private ObjectStoreUnavailableException exhausted(String what, Exception failure, int tries) {
        return new ObjectStoreUnavailableException(
                what + " still failing after " + retryFor.toSeconds() + "s (" + tries + " tries): "
                        + failure.getMessage(),
                failure);
    }
}

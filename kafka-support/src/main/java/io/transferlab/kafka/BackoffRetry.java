package io.transferlab.kafka;

import io.micrometer.core.instrument.Metrics;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.standalone.Configuration;
import io.smallrye.faulttolerance.standalone.MetricsAdapter;
import io.smallrye.faulttolerance.standalone.MicrometerAdapter;
import io.smallrye.faulttolerance.standalone.StandaloneFaultTolerance;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Retries with exponential backoff, by SmallRye Fault Tolerance's programmatic API. The services build their
 * Kafka and object-store clients outside CDI, so this is its standalone implementation, configured once per
 * JVM to meter every guard into Micrometer's global registry, where Quarkus adds the registry it serves at
 * {@code /q/metrics}: {@code ft.invocations.total}, {@code ft.retry.calls.total} and
 * {@code ft.retry.retries.total}, each tagged {@code method=<name>}.
 *
 * @param name the guard's name: the {@code method} tag of its metrics, so a fixed, low-cardinality name
 * @param firstDelay the pause after the first failure, doubled after each further one up to {@code maxDelay}
 * @param window how long to keep retrying: {@link Duration#ZERO} tries once, {@link #UNTIL_IT_WORKS} never stops;
 *     a window shorter than {@code maxDelay} caps the pauses just below it
 */
public record BackoffRetry(String name, Duration firstDelay, Duration maxDelay, Duration window) {
    /** A window that never closes: retried until the call works (or the thread is interrupted). */
    public static final Duration UNTIL_IT_WORKS = Duration.ofMillis(Long.MAX_VALUE);

    public BackoffRetry {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a retry needs a name for its metrics");
        }
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0 || window.isNegative()) {
            throw new IllegalArgumentException("retry " + name + ": delays and window must satisfy "
                    + "0 <= firstDelay <= maxDelay and window >= 0");
        }
    }

    /**
     * A guard that retries the failures {@code retryWhen} accepts until the call works or the window has
     * passed (the last failure is then thrown); any other failure passes straight through. Interrupted while
     * waiting, it throws {@link InterruptedException}.
     *
     * @param beforeRetry called with the failure before every retry (not before the first try)
     */
    public Guard guard(Predicate<Throwable> retryWhen, Consumer<Throwable> beforeRetry) {
        Metered.configure();
        long windowMs = window.toMillis();
        // Fault Tolerance wants every pause shorter than the window: a short window shortens the pauses.
        long maxDelayMs = windowMs > 0 ? Math.min(maxDelay.toMillis(), windowMs - 1) : maxDelay.toMillis();
        long firstDelayMs = Math.min(firstDelay.toMillis(), maxDelayMs);
        Guard.Builder.RetryBuilder retry = Guard.create()
                .withDescription(name)
                .withRetry()
                .maxRetries(windowMs == 0 ? 0 : -1)
                .maxDuration(windowMs, ChronoUnit.MILLIS)
                .delay(firstDelayMs, ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS);
        if (maxDelayMs > firstDelayMs) { // else a constant pause
            retry = retry.withExponentialBackoff()
                    .factor(2)
                    .maxDelay(maxDelayMs, ChronoUnit.MILLIS)
                    .done();
        }
        return retry.whenException(retryWhen).beforeRetry(beforeRetry).done().build();
    }

    /** The standalone implementation's one configuration: metrics on, daemon threads (none may hold the JVM). */
    private static final class Metered {
        private static boolean configured;

        static synchronized void configure() {
            if (configured) {
                return;
            }
            configured = true;
            try {
                StandaloneFaultTolerance.configure(new Configuration() {
                    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
                        Thread thread = new Thread(task, "fault-tolerance");
                        thread.setDaemon(true);
                        return thread;
                    });

                    @Override
                    public ExecutorService executor() {
                        return executor;
                    }

                    @Override
                    public MetricsAdapter metricsAdapter() {
                        return new MicrometerAdapter(Metrics.globalRegistry);
                    }
                });
            } catch (IllegalStateException alreadyConfigured) {
                // Something in this JVM configured it first; its choice of metrics stands.
            }
        }
    }
}

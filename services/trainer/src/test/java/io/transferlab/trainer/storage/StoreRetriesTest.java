package io.transferlab.trainer.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StoreRetriesTest {
    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

    @BeforeAll
    static void meter() {
        Metrics.addRegistry(REGISTRY);
    }

    @AfterAll
    static void unmeter() {
        Metrics.removeRegistry(REGISTRY);
    }

    @Test
    void retriesTransientFailuresUntilTheCallWorksAndMetersTheRetries() {
        double before = retriesMetered();
        StoreRetries retries = new StoreRetries(Duration.ofSeconds(10), ObjectStore::isTransient);
        AtomicInteger calls = new AtomicInteger();
        String result = retries.call("flaky", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IOException("connection refused");
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
        assertThat(retries.retries()).isEqualTo(2);
        assertThat(retriesMetered() - before).isEqualTo(2.0);
        assertThat(Search.in(REGISTRY)
                        .name("ft.retry.calls.total")
                        .tag("method", StoreRetries.NAME)
                        .tag("retried", "true")
                        .tag("retryResult", "valueReturned")
                        .counter()
                        .count())
                .isPositive();
    }

    @Test
    void givesUpAfterTheWindowWithARetryableError() {
        StoreRetries retries = new StoreRetries(Duration.ofMillis(500), ObjectStore::isTransient);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retries.call("down", () -> {
                    calls.incrementAndGet();
                    throw new IOException("connection refused");
                }))
                .isInstanceOf(ObjectStoreUnavailableException.class)
                .hasMessageContaining("down still failing after 0s (" + calls.get() + " tries)")
                .hasCauseInstanceOf(IOException.class);
        assertThat(calls.get()).isGreaterThan(1);
        assertThat(retries.retries()).isEqualTo(calls.get() - 1);
    }

    @Test
    void failuresThatAnotherTryCannotFixAreNotRetried() {
        StoreRetries retries = new StoreRetries(Duration.ofSeconds(10), ObjectStore::isTransient);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retries.call("corrupt", () -> {
                    calls.incrementAndGet();
                    throw new CorruptObjectException("bad digest");
                }))
                .isInstanceOf(CorruptObjectException.class);
        assertThatThrownBy(() -> retries.call("refused", () -> {
                    calls.incrementAndGet();
                    throw new Exception("access denied");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("refused failed: access denied");
        assertThat(calls).hasValue(2);
        assertThat(retries.retries()).isZero();
    }

    @Test
    void anInterruptedWaitEndsTheCallAndKeepsTheInterrupt() {
        StoreRetries retries = new StoreRetries(Duration.ofMinutes(1), ObjectStore::isTransient);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> retries.call("interrupted", () -> {
                        throw new IOException("connection refused");
                    }))
                    .isInstanceOf(ObjectStoreUnavailableException.class)
                    .hasMessageContaining("interrupted while retrying");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    private static double retriesMetered() {
        var counter = Search.in(REGISTRY)
                .name("ft.retry.retries.total")
                .tag("method", StoreRetries.NAME)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}

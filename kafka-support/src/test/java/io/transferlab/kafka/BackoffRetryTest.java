package io.transferlab.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.faulttolerance.api.Guard;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BackoffRetryTest {
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
    void retriesWhatThePredicateAcceptsAndMetersEveryRetryUnderItsName() throws Exception {
        List<Throwable> seenBeforeRetry = new ArrayList<>();
        Guard guard = new BackoffRetry("test.flaky", Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofSeconds(30))
                .guard(failure -> failure instanceof IOException, seenBeforeRetry::add);
        AtomicInteger calls = new AtomicInteger();

        String result = guard.call(
                () -> {
                    if (calls.incrementAndGet() < 4) {
                        throw new IOException("try " + calls.get());
                    }
                    return "ok";
                },
                String.class);

        assertThat(result).isEqualTo("ok");
        assertThat(seenBeforeRetry).extracting(Throwable::getMessage).containsExactly("try 1", "try 2", "try 3");
        assertThat(Search.in(REGISTRY)
                        .name("ft.retry.retries.total")
                        .tag("method", "test.flaky")
                        .counter()
                        .count())
                .isEqualTo(3.0);
        assertThat(Search.in(REGISTRY)
                        .name("ft.invocations.total")
                        .tag("method", "test.flaky")
                        .tag("result", "valueReturned")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void otherFailuresPassStraightThrough() {
        AtomicInteger calls = new AtomicInteger();
        Guard guard = new BackoffRetry("test.other", Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(30))
                .guard(failure -> failure instanceof IOException, failure -> {});
        assertThatThrownBy(() -> guard.call(
                        () -> {
                            calls.incrementAndGet();
                            throw new IllegalArgumentException("bad input");
                        },
                        String.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void afterTheWindowTheLastFailureIsThrown() {
        AtomicInteger calls = new AtomicInteger();
        Guard guard = new BackoffRetry(
                        "test.window", Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(200))
                .guard(failure -> failure instanceof IOException, failure -> {});
        assertThatThrownBy(() -> guard.call(
                        () -> {
                            throw new IOException("down " + calls.incrementAndGet());
                        },
                        String.class))
                .isInstanceOf(IOException.class)
                .hasMessage("down " + calls.get());
        assertThat(calls.get()).isGreaterThan(1);
    }

    @Test
    void aWindowShorterThanTheLongestPauseStillRetriesWithinIt() {
        AtomicInteger calls = new AtomicInteger();
        Guard guard = new BackoffRetry(
                        "test.short", Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(1))
                .guard(failure -> failure instanceof IOException, failure -> {});
        assertThatThrownBy(() -> guard.call(
                        () -> {
                            throw new IOException("down " + calls.incrementAndGet());
                        },
                        String.class))
                .isInstanceOf(IOException.class);
        assertThat(calls.get()).isGreaterThan(1);
    }

    @Test
    void aZeroWindowTriesOnce() {
        AtomicInteger calls = new AtomicInteger();
        Guard guard = new BackoffRetry("test.once", Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO)
                .guard(failure -> true, failure -> {});
        assertThatThrownBy(() -> guard.call(
                        () -> {
                            calls.incrementAndGet();
                            throw new IOException("down");
                        },
                        String.class))
                .isInstanceOf(IOException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aRetryNeedsANameAndOrderedDelays() {
        assertThatThrownBy(() -> new BackoffRetry(" ", Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackoffRetry("x", Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

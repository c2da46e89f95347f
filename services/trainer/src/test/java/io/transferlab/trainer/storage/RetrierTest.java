package io.transferlab.trainer.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {
    @Test
    void retriesTransientFailuresUntilTheCallWorks() {
        Retrier retrier = new Retrier(Duration.ofSeconds(10), ObjectStore::isTransient);
        AtomicInteger calls = new AtomicInteger();
        String result = retrier.call("flaky", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IOException("connection refused");
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
        assertThat(retrier.retries()).isEqualTo(2);
    }

    @Test
    void givesUpAfterTheWindowWithARetryableError() {
        Retrier retrier = new Retrier(Duration.ofMillis(500), ObjectStore::isTransient);
        assertThatThrownBy(() -> retrier.call("down", () -> {
            throw new IOException("connection refused");
        })).isInstanceOf(ObjectStoreUnavailableException.class).hasMessageContaining("down still failing");
    }

    @Test
    void failuresThatAnotherTryCannotFixAreNotRetried() {
        Retrier retrier = new Retrier(Duration.ofSeconds(10), ObjectStore::isTransient);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retrier.call("corrupt", () -> {
            calls.incrementAndGet();
            throw new CorruptObjectException("bad digest");
        })).isInstanceOf(CorruptObjectException.class);
        assertThat(calls).hasValue(1);
    }
}

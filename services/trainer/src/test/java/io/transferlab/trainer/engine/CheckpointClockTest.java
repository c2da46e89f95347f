package io.transferlab.trainer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckpointClockTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aZeroIntervalCheckpointsEveryEpoch() {
        CheckpointClock clock = new CheckpointClock(Duration.ZERO, 0);
        assertThat(clock.due(0)).isTrue();
        assertThat(clock.due(1)).isTrue();
    }

    @Test
    void epochsShorterThanTheIntervalAreCheckpointedOncePerInterval() {
        CheckpointClock clock = new CheckpointClock(Duration.ofSeconds(30), 0);
        int written = 0;
        // 100 epochs of 1 s: one checkpoint every 30 s, counted from the job's start
        for (int epoch = 1; epoch <= 100; epoch++) {
            if (clock.due(epoch * SECOND)) {
                written++;
                assertThat(epoch % 30).isZero();
            }
        }
        assertThat(written).isEqualTo(3);
    }

    @Test
    void epochsLongerThanTheIntervalAreEachCheckpointed() {
        CheckpointClock clock = new CheckpointClock(Duration.ofSeconds(30), 0);
        assertThat(clock.due(45 * SECOND)).isTrue();
        assertThat(clock.due(90 * SECOND)).isTrue();
        assertThat(clock.due(100 * SECOND)).isFalse();
    }
}

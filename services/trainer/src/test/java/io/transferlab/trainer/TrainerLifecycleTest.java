package io.transferlab.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainerLifecycleTest {

    @Test
    void aStartThreadKilledByAnErrorBeforeTheTrainerStartedMakesItNotLive() throws InterruptedException {
        Thread starter = new Thread(() -> {
            throw new NoClassDefFoundError("org/nd4j/linalg/factory/Nd4jBackend (a broken native library)");
        });
        starter.setUncaughtExceptionHandler((t, e) -> {});
        starter.start();
        starter.join();

        assertThat(TrainerLifecycle.startProblem(starter, false, false))
                .isEqualTo("trainer-start thread ended before the trainer started");
        assertThat(TrainerLifecycle.startProblem(starter, false, true))
                .as("started, then done")
                .isNull();
        assertThat(TrainerLifecycle.startProblem(starter, true, false))
                .as("stopping")
                .isNull();
    }

    @Test
    void aStartThreadStillTryingIsNoProblem() throws InterruptedException {
        Object gate = new Object();
        Thread starter = new Thread(() -> {
            synchronized (gate) {
                try {
                    gate.wait(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        starter.start();
        try {
            assertThat(TrainerLifecycle.startProblem(starter, false, false)).isNull();
            assertThat(TrainerLifecycle.startProblem(null, false, false)).isNull();
        } finally {
            starter.interrupt();
            starter.join();
        }
    }
}

package io.transferlab.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LoopLivenessTest {

    @Test
    void aLoopIsAliveWhileItsThreadRunsAndBeatsAndNotOnceItDiesHangsOrEnds() throws InterruptedException {
        LoopLiveness liveness = new LoopLiveness("job-consumer", Duration.ofMillis(300));
        CountDownLatch stop = new CountDownLatch(1);
        Thread loop = new Thread(() -> {
            while (stop.getCount() > 0) {
                liveness.beat();
                Thread.onSpinWait();
            }
        });
        liveness.watch(loop);
        loop.start();
        assertThat(liveness.alive()).isTrue();

        stop.countDown();
        loop.join();
        assertThat(liveness.problem()).isEqualTo("job-consumer thread is dead");

        LoopLiveness hung = new LoopLiveness("coordinator-loop", Duration.ofMillis(200));
        hung.watch(Thread.currentThread());
        await().atMost(Duration.ofSeconds(5)).until(() -> !hung.alive());
        assertThat(hung.problem()).startsWith("coordinator-loop made no pass for");
        hung.beat();
        assertThat(hung.alive()).isTrue();
        hung.ended("poll failed: boom");
        assertThat(hung.problem()).isEqualTo("coordinator-loop ended: poll failed: boom");
    }
}

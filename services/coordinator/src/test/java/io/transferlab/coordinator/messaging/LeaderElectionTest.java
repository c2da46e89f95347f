package io.transferlab.coordinator.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {

    @Test
    void anyRuntimeFailureWhileJoiningIsFollowedByAnotherJoinAndAnErrorEndsTheThread() {
        AtomicInteger joins = new AtomicInteger();
        LeaderElection[] election = new LeaderElection[1];
        election[0] = new LeaderElection(Map.of(), new Nothing() {
            @Override
            public void beforeJoin() {
                if (joins.incrementAndGet() == 1) {
                    throw new UnsupportedOperationException("not a Kafka failure");
                }
                throw new AssertionError("an Error");
            }
        });

        assertThatThrownBy(election[0]::run).isInstanceOf(AssertionError.class);
        assertThat(joins).hasValue(2);
    }

    @Test
    void aStoppedElectionWaitsOutNoBackoff() {
        AtomicInteger joins = new AtomicInteger();
        LeaderElection[] election = new LeaderElection[1];
        election[0] = new LeaderElection(Map.of(), new Nothing() {
            @Override
            public void beforeJoin() {
                joins.incrementAndGet();
                election[0].stop();
                throw new IllegalArgumentException("failed while stopping");
            }
        });

        election[0].run();
        assertThat(joins).hasValue(1);
    }

    private abstract static class Nothing implements LeaderElection.Listener {
        @Override
        public void elected() {}

        @Override
        public void deposed() {}
    }
}

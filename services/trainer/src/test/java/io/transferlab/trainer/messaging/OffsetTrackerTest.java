package io.transferlab.trainer.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
    private final TopicPartition p0 = new TopicPartition("transferlab.training-jobs", 0);
    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void nothingIsCommittableWhileTheOnlyJobStillRuns() {
        tracker.taken(p0, 7);
        assertThat(tracker.committable(p0)).hasValue(7);
        tracker.committed(p0, 7);
        assertThat(tracker.committable(p0)).isEmpty();
        tracker.finished(p0, 7);
        assertThat(tracker.committable(p0)).hasValue(8);
    }

    @Test
    void anUnfinishedEarlierJobHoldsBackTheCommitOfLaterFinishedOnes() {
        tracker.taken(p0, 3);
        tracker.taken(p0, 4);
        tracker.taken(p0, 5);
        tracker.finished(p0, 5);
        tracker.finished(p0, 4);
        assertThat(tracker.committable(p0)).hasValue(3);
        tracker.finished(p0, 3);
        assertThat(tracker.committable(p0)).hasValue(6);
    }

    @Test
    void aReleasedJobStaysPendingUntilItFinishesOnItsNextDelivery() {
        tracker.taken(p0, 10);
        // released: not finished, read again later
        assertThat(tracker.isPending(p0, 10)).isTrue();
        tracker.taken(p0, 10);
        assertThat(tracker.committable(p0)).hasValue(10);
        tracker.finished(p0, 10);
        assertThat(tracker.committable(p0)).hasValue(11);
        tracker.forget(p0);
        assertThat(tracker.committable(p0)).isEmpty();
    }
}

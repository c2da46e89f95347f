package io.transferlab.trainer.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offset of each partition may be committed: the records below it are all finished. A record
 * taken but not finished (still training, or released to be delivered again) holds the commit back,
 * so a trainer that dies loses no job. Used only from the consumer thread.
 */
final class OffsetTracker {
    private final Map<TopicPartition, TreeSet<Long>> pending = new HashMap<>();
    private final Map<TopicPartition, Long> nextAfterTaken = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    void taken(TopicPartition partition, long offset) {
        pending.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
        nextAfterTaken.merge(partition, offset + 1, Math::max);
    }

    void finished(TopicPartition partition, long offset) {
        TreeSet<Long> open = pending.get(partition);
        if (open != null) {
            open.remove(offset);
        }
    }

    boolean isPending(TopicPartition partition, long offset) {
        TreeSet<Long> open = pending.get(partition);
        return open != null && open.contains(offset);
    }

    /** The offset to commit now for the partition, if it moved since the last commit. */
    OptionalLong committable(TopicPartition partition) {
        Long next = nextAfterTaken.get(partition);
        if (next == null) {
            return OptionalLong.empty();
        }
        TreeSet<Long> open = pending.get(partition);
        long candidate = open == null || open.isEmpty() ? next : open.first();
        Long last = committed.get(partition);
        return last != null && last >= candidate ? OptionalLong.empty() : OptionalLong.of(candidate);
    }

    void committed(TopicPartition partition, long offset) {
        committed.merge(partition, offset, Math::max);
    }

    /** Forgets a partition this consumer no longer owns. */
    void forget(TopicPartition partition) {
        pending.remove(partition);
        nextAfterTaken.remove(partition);
        committed.remove(partition);
    }

    int pendingCount() {
        return pending.values().stream().mapToInt(TreeSet::size).sum();
    }
}

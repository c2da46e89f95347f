package io.transferlab.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reading topics from their beginning without a consumer group: assign every partition, seek to the
 * beginning, read up to the end offsets the partitions had when the replay started. The one implementation
 * of what the coordinator's rebuild, the analytics' replay and the launcher's tail all do.
 */
public final class TopicReplay {
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private TopicReplay() {}

    /** Every partition of the topics; a topic that does not exist (yet) has none. */
    public static List<TopicPartition> partitions(Consumer<?, ?> consumer, Collection<String> topics) {
        List<TopicPartition> out = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            if (infos != null) {
                infos.forEach(p -> out.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        return out;
    }

    /** Every partition of the topics. @throws IllegalStateException when a topic has none (does it exist?) */
    public static List<TopicPartition> requiredPartitions(Consumer<?, ?> consumer, Collection<String> topics) {
        for (String topic : topics) {
            if (partitions(consumer, List.of(topic)).isEmpty()) {
                throw new IllegalStateException("topic " + topic + " has no partitions (does it exist?)");
            }
        }
        return partitions(consumer, topics);
    }

    /**
     * Adds the partitions to the consumer's assignment (those it has keep their position), puts the new ones
     * at their beginning, and returns the end offsets they have now: the point where their replay ends.
     */
    public static Map<TopicPartition, Long> fromBeginning(
            Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Set<TopicPartition> assigned = new HashSet<>(consumer.assignment());
        assigned.addAll(partitions);
        consumer.assign(assigned);
        if (!partitions.isEmpty()) {
            consumer.seekToBeginning(partitions); // an empty list would mean every assigned partition
        }
        return consumer.endOffsets(partitions);
    }

    /**
     * Assigns exactly the partitions, puts each at its first record written at or after {@code sinceMillis} (at its
     * end when it has none), and returns the end offsets they have now: the point where that replay ends.
     */
    public static Map<TopicPartition, Long> since(
            Consumer<?, ?> consumer, Collection<TopicPartition> partitions, long sinceMillis) {
        consumer.assign(partitions);
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, sinceMillis));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, METADATA_TIMEOUT);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp first = found.get(partition);
            consumer.seek(partition, first != null ? first.offset() : ends.get(partition));
        }
        return ends;
    }

    /** True once the consumer's position in every partition reached the given end offset. */
    public static boolean caughtUp(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Replays the topics: hands every record written before the replay started to {@code handler}, in
     * partition order, and returns the end offsets (from where a live reader goes on) once every partition
     * is read to them or {@code running} turned false.
     *
     * @throws IllegalStateException when a topic has no partitions
     */
    public static <K, V> Map<TopicPartition, Long> replay(
            Consumer<K, V> consumer,
            Collection<String> topics,
            Duration poll,
            BooleanSupplier running,
            java.util.function.Consumer<ConsumerRecord<K, V>> handler) {
        return replay(consumer, topics, partition -> null, poll, running, handler);
    }

    /**
     * Replays the topics from given offsets (a snapshot's): like {@link #replay(Consumer, Collection, Duration,
     * BooleanSupplier, java.util.function.Consumer)}, but a partition for which {@code from} has an offset is
     * read from there (from the earliest offset left when retention deleted it), the others from their
     * beginning.
     */
    public static <K, V> Map<TopicPartition, Long> replay(
            Consumer<K, V> consumer,
            Collection<String> topics,
            Function<TopicPartition, Long> from,
            Duration poll,
            BooleanSupplier running,
            java.util.function.Consumer<ConsumerRecord<K, V>> handler) {
        List<TopicPartition> partitions = requiredPartitions(consumer, topics);
        Map<TopicPartition, Long> end = fromBeginning(consumer, partitions);
        for (TopicPartition partition : partitions) {
            Long offset = from.apply(partition);
            if (offset != null) {
                consumer.seek(partition, offset);
            }
        }
        while (running.getAsBoolean() && !caughtUp(consumer, end)) {
            for (ConsumerRecord<K, V> record : consumer.poll(poll)) {
                Long stop = end.get(new TopicPartition(record.topic(), record.partition()));
                if (stop != null && record.offset() < stop) {
                    handler.accept(record);
                }
            }
        }
        return end;
    }
}

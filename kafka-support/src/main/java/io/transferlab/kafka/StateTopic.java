package io.transferlab.kafka;

import io.transferlab.contracts.Bounded;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.TopicPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A compacted state topic: a service's snapshots, one record per key, the latest one winning (a null
 * value deletes the key), and under {@link #OFFSETS_KEY} the positions in the service's input topics up
 * to which every event is in the snapshots. The offsets record is written last, once the broker
 * acknowledged the snapshots, so it never claims more than they hold; a service replays its inputs from
 * those offsets, and replaying an event a snapshot already holds must change nothing. Values are
 * gzip-compressed JSON, so a snapshot of a large experiment stays well below the broker's message limit.
 */
public final class StateTopic {
    public static final String OFFSETS_KEY = "offsets";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final System.Logger LOG = System.getLogger(StateTopic.class.getName());

    private StateTopic() {}

    /** A state topic that cannot be read or written; the caller retries or rebuilds. */
    public static final class StateTopicException extends RuntimeException {
        StateTopicException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Positions in the input topics as {@code topic:partition -> offset}. */
    public record Offsets(Map<String, Long> positions) {
        public static final Offsets NONE = new Offsets(Map.of());

        public static Offsets of(Map<TopicPartition, Long> positions) {
            Map<String, Long> out = new HashMap<>();
            positions.forEach((tp, offset) -> out.put(tp.topic() + ":" + tp.partition(), offset));
            return new Offsets(out);
        }

        /** Where to resume reading a partition; null when the snapshots know nothing of it. */
        public Long of(TopicPartition partition) {
            return positions.get(partition.topic() + ":" + partition.partition());
        }
    }

    /** What a state topic held: the latest value of every key but the offsets, and the offsets. */
    public record Snapshot(Map<String, byte[]> records, Offsets offsets) {
        public static final Snapshot EMPTY = new Snapshot(Map.of(), Offsets.NONE);
    }

    /**
     * Reads the latest snapshot. Without an offsets record nothing is known to be complete: the result is
     * {@link Snapshot#EMPTY} and the service reads its inputs from the beginning.
     */
    public static Snapshot readSnapshot(Consumer<String, byte[]> consumer, String topic) {
        Map<String, byte[]> latest = readLatest(consumer, topic);
        byte[] offsets = latest.remove(OFFSETS_KEY);
        if (offsets == null) {
            return Snapshot.EMPTY;
        }
        try {
            return new Snapshot(latest, decode(offsets, Offsets.class));
        } catch (StateTopicException e) {
            warnUnreadable(
                    topic, OFFSETS_KEY, e, "every snapshot is ignored and the inputs are read from the beginning");
            return Snapshot.EMPTY;
        }
    }

    /**
     * Decodes a snapshot's records for a service to restore from. The topic is open to anyone who may write to
     * the cluster, so a record that cannot be decoded is left out with a warning instead of failing the restore
     * (which would fail again on every try: a compacted topic keeps the record). Once one is left out, {@link
     * #offsets()} is {@link Offsets#NONE}: the service reads its inputs from the beginning and so rebuilds what
     * that record held; replaying an event that a kept snapshot already holds changes nothing.
     */
    public static final class Restore {
        private final String topic;
        private final Snapshot snapshot;
        private final List<String> unreadable = new ArrayList<>();

        public Restore(String topic, Snapshot snapshot) {
            this.topic = topic;
            this.snapshot = snapshot;
        }

        /** The value under {@code key}; null when there is none or it cannot be decoded. */
        public <T> T value(String key, Class<T> type) {
            byte[] bytes = snapshot.records().get(key);
            return bytes == null ? null : decodeOrLeaveOut(key, bytes, type);
        }

        /** The decodable values of the keys that start with {@code prefix}, in the order the keys were first written. */
        public <T> List<T> values(String prefix, Class<T> type) {
            List<T> values = new ArrayList<>();
            snapshot.records().forEach((key, bytes) -> {
                if (key.startsWith(prefix)) {
                    T value = decodeOrLeaveOut(key, bytes, type);
                    if (value != null) {
                        values.add(value);
                    }
                }
            });
            return values;
        }

        /** Where to resume the inputs, once the values are decoded: none (the beginning) when one was left out. */
        public Offsets offsets() {
            return unreadable.isEmpty() ? snapshot.offsets() : Offsets.NONE;
        }

        /** The keys left out so far. */
        public List<String> unreadable() {
            return List.copyOf(unreadable);
        }

        private <T> T decodeOrLeaveOut(String key, byte[] bytes, Class<T> type) {
            try {
                return decode(bytes, type);
            } catch (StateTopicException e) {
                unreadable.add(key);
                warnUnreadable(topic, key, e, "left out; the inputs are read from the beginning to rebuild it");
                return null;
            }
        }
    }

    private static void warnUnreadable(String topic, String key, StateTopicException e, String consequence) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        LOG.log(
                System.Logger.Level.WARNING,
                "unreadable record on {0} under key {1} ({2}: {3}); {4}",
                topic,
                Bounded.id(key),
                cause.getClass().getSimpleName(),
                Bounded.text(String.valueOf(cause.getMessage()), Bounded.TEXT),
                consequence);
    }

    /**
     * Writes snapshots to one state topic through an {@link AcknowledgedPublisher} over a producer made on first
     * use; a failed write closes it, so the next write starts with a fresh one. The snapshots go first, then the
     * offsets they cover, once the broker acknowledged the snapshots. With a transactional producer ({@link
     * KafkaClientConfig#fencingProducer}) each snapshot and its offsets are one transaction instead: a reader at
     * {@code read_committed} sees both or neither, and a writer fenced by a newer one with the same transactional
     * id writes nothing more ({@link FencedException}).
     */
    public static final class Writer implements AutoCloseable {
        private final Supplier<Producer<String, byte[]>> producers;
        private final String topic;
        private final Duration timeout;
        private final boolean transactional;
        private AcknowledgedPublisher publisher;

        public Writer(Supplier<Producer<String, byte[]>> producers, String topic, Duration timeout) {
            this(producers, topic, timeout, false);
        }

        public Writer(
                Supplier<Producer<String, byte[]>> producers, String topic, Duration timeout, boolean transactional) {
            this.producers = producers;
            this.topic = topic;
            this.timeout = timeout;
            this.transactional = transactional;
        }

        /** Makes the producer now; a transactional one fences its predecessors from this moment. */
        public synchronized void open() {
            if (publisher != null) {
                return;
            }
            Producer<String, byte[]> made = producers.get();
            try {
                publisher = transactional
                        ? AcknowledgedPublisher.fencing(made, topic, topic, timeout)
                        : new AcknowledgedPublisher(made, topic, timeout);
            } catch (PublishException e) {
                throw new StateTopicException("cannot start the producer of " + topic, e);
            }
        }

        /** The records in order (a null value deletes its key), then the positions they cover. */
        public synchronized void write(Map<String, byte[]> records, Map<TopicPartition, Long> positions) {
            open();
            List<ProducerRecord<String, byte[]>> snapshots = new ArrayList<>();
            records.forEach((key, value) -> snapshots.add(new ProducerRecord<>(topic, key, value)));
            ProducerRecord<String, byte[]> offsets =
                    new ProducerRecord<>(topic, OFFSETS_KEY, encode(Offsets.of(positions)));
            try {
                if (transactional) {
                    List<ProducerRecord<String, byte[]>> all = new ArrayList<>(snapshots);
                    all.add(offsets);
                    publisher.send(all);
                } else {
                    publisher.send(snapshots);
                    publisher.send(List.of(offsets));
                }
            } catch (RuntimeException e) {
                close();
                if (FencedException.isFencing(e)) {
                    throw new FencedException(
                            "a newer writer of " + topic + " took over; this snapshot is not written", e);
                }
                throw e instanceof PublishException
                        ? new StateTopicException("could not write snapshots to " + topic, e)
                        : e;
            }
        }

        @Override
        public synchronized void close() {
            if (publisher != null) {
                publisher.close();
                publisher = null;
            }
        }
    }

    /** Creates the topic, compacted as {@link TopicPolicy} says, unless it exists. */
    public static void ensureExists(Map<String, Object> adminProperties, String topic, Duration timeout) {
        try (Admin admin = Admin.create(adminProperties)) {
            if (admin.listTopics()
                    .names()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .contains(topic)) {
                return;
            }
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())
                            .configs(TopicPolicy.of(topic).configs())))
                    .all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new StateTopicException("cannot create " + topic, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new StateTopicException("cannot create " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateTopicException("interrupted while creating " + topic, e);
        }
    }

    /**
     * Reads the whole topic, every partition, to the end offsets it had when the read began.
     *
     * @return the latest value of every key that was not deleted, in the order the keys were first written
     */
    static Map<String, byte[]> readLatest(Consumer<String, byte[]> consumer, String topic) {
        Map<String, byte[]> latest = new LinkedHashMap<>();
        try {
            TopicReplay.replay(consumer, List.of(topic), POLL, () -> true, record -> {
                if (record.key() == null) {
                    return;
                }
                if (record.value() == null) {
                    latest.remove(record.key());
                } else {
                    latest.put(record.key(), record.value());
                }
            });
        } catch (IllegalStateException e) {
            throw new StateTopicException("cannot read " + topic, e);
        }
        consumer.unsubscribe();
        return latest;
    }

    /** A value as gzip-compressed JSON. */
    public static byte[] encode(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            EventCodec.mapper().writeValue(gzip, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + value.getClass().getSimpleName(), e);
        }
        return bytes.toByteArray();
    }

    /** A value written by {@link #encode}. */
    public static <T> T decode(byte[] bytes, Class<T> type) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return EventCodec.mapper().readValue(gzip, type);
        } catch (IOException e) {
            throw new StateTopicException("cannot decode a " + type.getSimpleName() + " snapshot", e);
        }
    }
}

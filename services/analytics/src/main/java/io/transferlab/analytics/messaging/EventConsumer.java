package io.transferlab.analytics.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.transferlab.analytics.config.AnalyticsConfig;
import io.transferlab.analytics.ledger.IngestOutcome;
import io.transferlab.analytics.ledger.LedgerSnapshot;
import io.transferlab.analytics.metrics.AnalyticsMetrics;
import io.transferlab.analytics.service.AnalyticsService;
import io.transferlab.contracts.CloudEventHeaders;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.EventTypes;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.kafka.EventRecords;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.kafka.LoopLiveness;
import io.transferlab.kafka.PublishException;
import io.transferlab.kafka.RecordInspector;
import io.transferlab.kafka.StateTopic;
import io.transferlab.kafka.TopicReplay;
import io.transferlab.kafka.UnreadableRecordException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Reads {@code transferlab.experiment-events}, {@code transferlab.job-events} and {@code transferlab.scores},
 * every partition, on every start: it first restores the ledgers from the latest snapshots
 * ({@link LedgerSnapshotStore}) and reads each partition from the snapshots' offsets (from the beginning
 * without them). The state lives in memory and is rebuilt this way: no consumer group, no committed
 * offsets, so every instance sees every event, and deduplication by event id (and by job id for results)
 * means nothing counts twice. The scores topic is read to learn which scores were already published.
 * Once caught up, the changed ledgers are written to the snapshots every snapshot interval and on stop.
 */
@ApplicationScoped
public class EventConsumer {
    static final List<String> TOPICS = List.of(Topics.EXPERIMENT_EVENTS, Topics.JOB_EVENTS, Topics.SCORES);
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long LAG_NANOS = TimeUnit.SECONDS.toNanos(1);

    @Inject
    AnalyticsService service;

    @Inject
    AnalyticsConfig config;

    @Inject
    AnalyticsMetrics metrics;

    @Inject
    LedgerSnapshotStore snapshots;

    @Inject
    ScoresPublisher scores;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    MeterRegistry registry;

    private Loop loop;
    private Thread thread;
    /** A consumer pass waits at most one poll timeout, or a second after a Kafka error. */
    private final LoopLiveness liveness = new LoopLiveness("analytics-consumer", Duration.ofMinutes(3));

    void onStart(@Observes StartupEvent event) {
        if (config.consumer().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (thread != null && thread.isAlive()) {
            return;
        }
        loop = new Loop();
        thread = new Thread(loop, "analytics-consumer");
        thread.setDaemon(true);
        liveness.watch(thread);
        thread.start();
    }

    public synchronized void stop() {
        if (loop == null) {
            return;
        }
        loop.close();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop = null;
        thread = null;
    }

    /** Forgets all state and replays the topics from the beginning: what a restart does. */
    public synchronized void rebuild() {
        stop();
        service.reset();
        start();
    }

    /** How the last start went: ledgers restored from snapshots, events read until caught up. */
    public record ReplayStats(int ledgers, long events) {}

    /** Null until the current run caught up. */
    public ReplayStats replayStats() {
        Loop current = loop;
        return current == null || !current.caughtUp ? null : new ReplayStats(current.restoredLedgers, current.replayed);
    }

    /** True once the replay reached the end offsets the topics had when it started. */
    public boolean caughtUp() {
        Loop current = loop;
        return current != null && current.caughtUp;
    }

    /** Why the consumer loop is not working, or null while it works (or is off on purpose). */
    public String loopProblem() {
        return thread == null ? null : liveness.problem();
    }

    public boolean running() {
        Thread current = thread;
        return current != null && current.isAlive();
    }

    void handle(ConsumerRecord<String, byte[]> record) {
        String ceType = EventRecords.header(record, CloudEventHeaders.TYPE);
        String ceId = EventRecords.header(record, CloudEventHeaders.ID);
        if (ceType == null || record.value() == null) {
            malformed(record, ceId, ceType, ceType == null ? "no ce_type header" : "no body");
            return;
        }
        if (EventTypes.byCeType(ceType).isEmpty()) {
            // A type from a newer contract version: not ours to judge.
            metrics.ingested(IngestOutcome.IGNORED);
            return;
        }
        TransferLabEvent event;
        try {
            event = RecordInspector.decode(record, ceType);
        } catch (UnreadableRecordException e) {
            malformed(record, ceId, ceType, e.getMessage());
            return;
        }
        service.ingest(event);
    }

    private void malformed(ConsumerRecord<String, byte[]> record, String ceId, String ceType, String reason) {
        JsonNode body = null;
        if (record.value() != null) {
            try {
                body = EventCodec.mapper().readTree(record.value());
            } catch (IOException e) {
                body = null;
            }
        }
        String experimentId = text(body, "experimentId");
        String jobId = text(body, "jobId");
        String eventId = ceId != null ? ceId : text(body, "eventId");
        if (eventId == null) {
            eventId = record.topic() + "-" + record.partition() + "@" + record.offset();
        }
        LOG.warnf(
                "malformed %s record at %s-%d@%d (experiment %s): %s",
                ceType, record.topic(), record.partition(), record.offset(), experimentId, reason);
        service.malformed(experimentId, eventId, ceType, jobId, reason);
        if (Topics.SCORES.equals(record.topic())) {
            // The coordinator dead-letters what does not belong on the topics it reads; none but the analytics
            // reads the scores topic. The anomaly above keeps the record's trace even if Kafka takes no letter.
            try {
                scores.deadLetter(record, reason);
            } catch (PublishException e) {
                LOG.errorf(
                        e,
                        "could not dead-letter %s-%d@%d; it stays an anomaly",
                        record.topic(),
                        record.partition(),
                        record.offset());
            }
        }
    }

    private static String text(JsonNode body, String field) {
        if (body == null || !body.hasNonNull(field) || !body.get(field).isTextual()) {
            return null;
        }
        return body.get(field).asText();
    }

    Map<String, Object> consumerProperties() {
        return consumerProperties(kafkaConfig());
    }

    private KafkaClientConfig kafkaConfig() {
        return new KafkaClientConfig(kafkaConfig).withMetrics(registry);
    }

    /** All kafka.* settings, this consumer's own on top (no group: it assigns itself partitions and replays). */
    static Map<String, Object> consumerProperties(KafkaClientConfig kafka) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "transferlab-analytics");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return kafka.with(props);
    }

    /** The poll loop of one run; a rebuild starts a new one. */
    private final class Loop implements Runnable {
        private final Map<TopicPartition, Long> replayEnd = new HashMap<>();
        private StateTopic.Offsets restoredOffsets;
        private Map<TopicPartition, Long> lastSnapshotPositions = Map.of();
        private long nextSnapshot = System.nanoTime();
        private volatile int restoredLedgers;
        private volatile long replayed;
        private final long startedNanos = System.nanoTime();
        private volatile boolean closed;
        private volatile boolean caughtUp;
        private KafkaConsumer<String, byte[]> consumer;
        private long lastRefresh = System.nanoTime() - REFRESH_NANOS;
        private long lastLag = System.nanoTime();

        @Override
        public void run() {
            consumer = kafkaConfig().newConsumer(consumerProperties());
            try {
                while (!closed) {
                    liveness.beat();
                    try {
                        if (restoredOffsets == null) {
                            restore();
                        }
                        step();
                    } catch (WakeupException e) {
                        if (!closed) {
                            throw e;
                        }
                    } catch (KafkaException | StateTopic.StateTopicException e) {
                        LOG.errorf(e, "consuming failed; retrying in a second");
                        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                    }
                }
                writeLastSnapshots();
            } catch (RuntimeException | Error e) {
                liveness.ended(e.toString());
                throw e;
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }

        private void restore() {
            long started = System.nanoTime();
            LedgerSnapshotStore.Loaded loaded = snapshots.load();
            service.restore(loaded.ledgers(), loaded.unattributed());
            restoredLedgers = loaded.ledgers().size();
            restoredOffsets = loaded.offsets();
            LOG.infof(
                    "restored %d ledgers from snapshots in %d ms",
                    loaded.ledgers().size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }

        /** On the way out, so that the next start reads little. */
        private void writeLastSnapshots() {
            if (!caughtUp) {
                return;
            }
            try {
                try {
                    writeSnapshots();
                } catch (WakeupException e) {
                    writeSnapshots(); // the wakeup that stopped the loop was still pending
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "could not write the last snapshots; the next start reads from the previous ones");
            }
        }

        /** Writes the changed ledgers with the positions they cover: every event before them has been applied. */
        private void writeSnapshots() {
            Map<TopicPartition, Long> positions = new HashMap<>();
            for (TopicPartition partition : consumer.assignment()) {
                positions.put(partition, consumer.position(partition));
            }
            List<LedgerSnapshot> changed = service.drainLedgerSnapshots();
            if (changed.isEmpty() && positions.equals(lastSnapshotPositions)) {
                return;
            }
            snapshots.write(changed, service.unattributedAnomalies(), positions);
            lastSnapshotPositions = positions;
        }

        private void step() {
            long now = System.nanoTime();
            if (now - lastRefresh >= REFRESH_NANOS) {
                lastRefresh = now;
                refreshAssignment();
            }
            if (consumer.assignment().isEmpty()) {
                caughtUp = true;
                service.afterBatch(true);
                LockSupport.parkNanos(config.consumer().pollTimeout().toNanos());
                return;
            }
            for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(config.consumer().pollTimeout())) {
                handle(record);
                if (!caughtUp) {
                    replayed++;
                }
            }
            if (!caughtUp && replayed()) {
                caughtUp = true;
                LOG.infof(
                        "replayed %s up to %s: read %d events after %d restored ledgers in %d ms; now live",
                        TOPICS,
                        replayEnd,
                        replayed,
                        restoredLedgers,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
            }
            service.afterBatch(caughtUp);
            if (caughtUp && now >= nextSnapshot) {
                writeSnapshots();
                nextSnapshot = now + config.consumer().snapshotInterval().toNanos();
            }
            if (now - lastLag >= LAG_NANOS) {
                lastLag = now;
                updateLag();
            }
        }

        private void refreshAssignment() {
            List<TopicPartition> added = new ArrayList<>(TopicReplay.partitions(consumer, TOPICS));
            added.removeAll(consumer.assignment());
            if (added.isEmpty()) {
                return;
            }
            Map<TopicPartition, Long> end = TopicReplay.fromBeginning(consumer, added);
            for (TopicPartition partition : added) {
                Long offset = restoredOffsets.of(partition);
                if (offset != null) {
                    consumer.seek(partition, offset); // below the log start (retention) it resets to the earliest
                }
            }
            if (!caughtUp) {
                replayEnd.putAll(end);
            }
            LOG.infof("reading %s from the snapshots' offsets where they have one, else from the beginning", added);
        }

        private boolean replayed() {
            return TopicReplay.caughtUp(consumer, replayEnd);
        }

        private void updateLag() {
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end :
                    consumer.endOffsets(consumer.assignment()).entrySet()) {
                lag += Math.max(0, end.getValue() - consumer.position(end.getKey()));
            }
            metrics.lag(lag);
        }

        void close() {
            closed = true;
            KafkaConsumer<String, byte[]> current = consumer;
            if (current != null) {
                current.wakeup();
            }
        }
    }
}

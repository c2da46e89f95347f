package io.transferlab.coordinator.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.EventTypes;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.ExperimentEvent;
import io.transferlab.contracts.events.ExperimentRejected;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.events.JobEvent;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.coordinator.metrics.CoordinatorMetrics;
import io.transferlab.coordinator.request.RequestReader;
import io.transferlab.coordinator.tracking.CoordinatorEngine;
import io.transferlab.kafka.AnswerPublisher;
import io.transferlab.kafka.PublishException;
import io.transferlab.kafka.RecordInspector;
import io.transferlab.kafka.TopicReplay;
import io.transferlab.kafka.UnreadableRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The coordinator's one processing thread. First it rebuilds the engine's state: it restores the
 * latest snapshots ({@link StateSnapshotStore}) and replays the experiment-events, training-jobs and
 * job-events topics from the snapshots' offsets (from the beginning without snapshots) to their
 * current end, experiment-events first so that every experiment exists before its jobs' events,
 * applying each event as it is read (memory does not grow with the history). Then it goes live,
 * reading requests (committed offsets of group {@code transferlab-coordinator}) and the three state
 * topics from where the replay stopped, checking heartbeats between polls and writing the changed
 * state to the snapshots every snapshot interval and when it stops.
 * Bad records go to the dead-letter topic (kafka-support's bounded {@code DeadLetters}); an answer Kafka
 * will not take is retried for a bounded time, then the record is skipped with a minimal dead letter and the
 * state rebuilt past it. Nothing stops the loop but {@link #stop()}, Kafka being out of reach, or a newer
 * leader fencing its publisher ({@link io.transferlab.kafka.FencedException}). Every decision and snapshot goes
 * through the fencing producers this leadership started, so what the loop decides after it was deposed
 * (frozen past its session, say) is never seen by anyone.
 * <p>One class, longer than most: the replay, the live reads and the snapshots share one consumer and its
 * positions, and splitting them would hand the consumer and the offsets back and forth between classes.
 */
final class CoordinatorLoop {
    private static final Logger LOG = Logger.getLogger(CoordinatorLoop.class);
    static final List<String> STATE_TOPICS = List.of(Topics.EXPERIMENT_EVENTS, Topics.TRAINING_JOBS, Topics.JOB_EVENTS);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String REQUEST_TYPE =
            EventTypes.of(ExperimentRequested.class).ceType();

    private final CoordinatorEngine engine;
    private final KafkaClients clients;
    private final AnswerPublisher answers;
    private final RequestReader reader;
    private final CoordinatorMetrics metrics;
    private final int maxRequestBytes;
    private final Duration tickInterval;
    private final StateSnapshotStore snapshots;
    private final Duration snapshotInterval;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    /** Liveness: the last time the loop went round (one poll or one replayed record). */
    private volatile long lastPassNanos = System.nanoTime();

    private volatile ReplayStats replayStats;
    private Map<TopicPartition, Long> lastSnapshotPositions = Map.of();

    /** How the last rebuild went: snapshots restored, events replayed after them, and how long it took. */
    record ReplayStats(int snapshots, long events, long millis) {}

    CoordinatorLoop(
            CoordinatorEngine engine,
            KafkaClients clients,
            AnswerPublisher answers,
            RequestReader reader,
            CoordinatorMetrics metrics,
            int maxRequestBytes,
            Duration tickInterval,
            StateSnapshotStore snapshots,
            Duration snapshotInterval) {
        this.engine = engine;
        this.clients = clients;
        this.answers = answers;
        this.reader = reader;
        this.metrics = metrics;
        this.maxRequestBytes = maxRequestBytes;
        this.tickInterval = tickInterval;
        this.snapshots = snapshots;
        this.snapshotInterval = snapshotInterval;
    }

    ReplayStats replayStats() {
        return replayStats;
    }

    /** How long since the loop last went round. */
    Duration sinceLastPass() {
        return Duration.ofNanos(System.nanoTime() - lastPassNanos);
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** Runs until stopped; throws when Kafka fails, so that the caller rebuilds from the topics. */
    void run() {
        try {
            Map<TopicPartition, Long> replayed = replay();
            if (running) {
                live(replayed);
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        }
    }

    private Map<TopicPartition, Long> replay() {
        long started = System.nanoTime();
        StateSnapshotStore.Loaded loaded = snapshots.load();
        engine.restore(loaded.experiments(), loaded.rejections());
        Map<TopicPartition, Long> end = new HashMap<>();
        long[] count = {0};
        try (KafkaConsumer<String, byte[]> c = clients.consumer(null)) {
            consumer = c;
            // experiment-events first: every experiment exists before its jobs' events are applied.
            for (List<String> phase :
                    List.of(List.of(Topics.EXPERIMENT_EVENTS), List.of(Topics.TRAINING_JOBS, Topics.JOB_EVENTS))) {
                if (!running) {
                    return Map.of();
                }
                end.putAll(TopicReplay.replay(c, phase, loaded.offsets()::of, POLL, () -> running, record -> {
                    lastPassNanos = System.nanoTime();
                    if (apply(record)) {
                        count[0]++;
                    }
                }));
            }
        } finally {
            consumer = null;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        replayStats = new ReplayStats(loaded.experiments().size(), count[0], millis);
        LOG.infof(
                "state rebuilt from %d snapshots and %d events in %d ms",
                loaded.experiments().size(), count[0], millis);
        return end;
    }

    /** Applies a replayed record; false when it is skipped. */
    private boolean apply(ConsumerRecord<String, byte[]> record) {
        TransferLabEvent event;
        try {
            event = RecordInspector.event(record, 0);
        } catch (UnreadableRecordException e) {
            // dead-lettered when it was first read live
            LOG.debugf(
                    "replay skips unreadable record %s-%d@%d: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return false;
        }
        try {
            engine.apply(event);
            return true;
        } catch (RuntimeException e) {
            // A malformed event (dead-lettered when first read live) must not stop every later rebuild.
            metrics.replaySkipped();
            LOG.warnf(
                    "replay skips %s %s that the state cannot take: %s",
                    event.getClass().getSimpleName(), event.eventId(), e.toString());
            return false;
        }
    }

    private void live(Map<TopicPartition, Long> replayed) {
        try (KafkaConsumer<String, byte[]> c = clients.consumer(KafkaClients.GROUP_ID)) {
            consumer = c;
            if (!running) {
                return;
            }
            List<TopicPartition> partitions =
                    new ArrayList<>(TopicReplay.requiredPartitions(c, List.of(Topics.EXPERIMENT_REQUESTS)));
            partitions.addAll(replayed.keySet());
            c.assign(partitions);
            replayed.forEach(c::seek);
            publish(engine.goLive());
            snapshot();
            LOG.info("coordinator is live");
            try {
                follow(c, replayed.keySet());
            } catch (WakeupException e) {
                if (running) {
                    throw e;
                }
            }
            try {
                writeSnapshots(c, replayed.keySet()); // on the way out, so that the next start replays little
            } catch (WakeupException e) {
                writeSnapshots(c, replayed.keySet()); // the wakeup that stopped the loop was still pending
            }
        } finally {
            consumer = null;
        }
    }

    private void follow(KafkaConsumer<String, byte[]> c, Set<TopicPartition> statePartitions) {
        long nextTick = System.nanoTime() + tickInterval.toNanos();
        long nextSnapshot = System.nanoTime();
        while (running) {
            lastPassNanos = System.nanoTime();
            ConsumerRecords<String, byte[]> records = c.poll(POLL);
            Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                boolean answered = handle(record);
                handled.put(
                        new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
                if (!answered) {
                    // Skipped for good (a minimal dead letter stands in for the answer), but the state
                    // may be ahead of the topics: rebuild it, past this record.
                    c.commitSync(handled);
                    throw new IllegalStateException("the answer to " + record.topic() + "-" + record.partition() + "@"
                            + record.offset() + " could not be published; rebuilding the state");
                }
            }
            if (!records.isEmpty()) {
                c.commitSync(handled);
            }
            if (System.nanoTime() >= nextTick) {
                publish(engine.onTick());
                nextTick = System.nanoTime() + tickInterval.toNanos();
            }
            if (System.nanoTime() >= nextSnapshot) {
                writeSnapshots(c, statePartitions);
                nextSnapshot = System.nanoTime() + snapshotInterval.toNanos();
            }
            snapshot();
        }
    }

    /** Writes the changed state with the positions it covers: everything before them has been applied. */
    private void writeSnapshots(KafkaConsumer<String, byte[]> c, Set<TopicPartition> statePartitions) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition tp : statePartitions) {
            positions.put(tp, c.position(tp));
        }
        CoordinatorEngine.SnapshotChanges changes = engine.drainSnapshotChanges();
        if (changes.isEmpty() && positions.equals(lastSnapshotPositions)) {
            return;
        }
        snapshots.write(changes, positions);
        LOG.debugf(
                "snapshot of %d experiments written, covering %s",
                changes.experiments().size(), positions);
        lastSnapshotPositions = positions;
    }

    /** @return false when the record's answer could not be published and the record was skipped */
    private boolean handle(ConsumerRecord<String, byte[]> record) {
        MDC.put("topic", record.topic());
        try {
            return Topics.EXPERIMENT_REQUESTS.equals(record.topic()) ? handleRequest(record) : handleEvent(record);
        } catch (PublishException e) {
            throw e;
        } catch (UnreadableRecordException e) {
            deadLetter(record, e.getMessage());
            return true;
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not process %s-%d@%d", record.topic(), record.partition(), record.offset());
            deadLetter(record, "could not be processed: " + e);
            return true;
        } finally {
            MDC.remove("topic");
            MDC.remove("experimentId");
            MDC.remove("jobId");
        }
    }

    private boolean handleRequest(ConsumerRecord<String, byte[]> record) {
        // Binary-mode or structured-mode CloudEvent, or plain JSON (its id derived from where it lies).
        RecordInspector.Envelope env = RecordInspector.anyEnvelope(record, maxRequestBytes, REQUEST_TYPE);
        if (!REQUEST_TYPE.equals(env.ceType())) {
            throw new UnreadableRecordException("CloudEvents type '" + env.ceType() + "' does not belong on "
                    + Topics.EXPERIMENT_REQUESTS + " (expected " + REQUEST_TYPE + ")");
        }
        JsonNode body;
        try {
            body = EventCodec.mapper().readTree(env.body());
        } catch (java.io.IOException e) {
            throw new UnreadableRecordException(
                    "body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (body == null || body.isMissingNode()) {
            throw new UnreadableRecordException("body is not JSON");
        }
        RequestReader.Outcome outcome = reader.read(body, env.ceId());
        MDC.put("experimentId", outcome.experimentId());
        List<TransferLabEvent> out = engine.onRequest(outcome, env.ceId());
        boolean answered = answer(record, out);
        for (TransferLabEvent e : out) {
            if (e instanceof ExperimentRejected rejected) {
                metrics.rejected();
                LOG.infof(
                        "rejected request %s: %d problem(s), first %s",
                        env.ceId(),
                        rejected.problems().size(),
                        rejected.problems().get(0));
            }
        }
        return answered;
    }

    private boolean handleEvent(ConsumerRecord<String, byte[]> record) {
        TransferLabEvent event = RecordInspector.event(record, 0);
        if (event instanceof ExperimentEvent e) {
            MDC.put("experimentId", e.experimentId());
        } else if (event instanceof JobEvent e) {
            MDC.put("experimentId", e.experimentId());
            MDC.put("jobId", e.jobId());
        }
        return answer(record, engine.onEvent(event));
    }

    private boolean answer(ConsumerRecord<String, byte[]> record, List<TransferLabEvent> events) {
        if (answers.answer(record, events) == AnswerPublisher.Outcome.ANSWERED) {
            return true;
        }
        metrics.deadLettered();
        LOG.errorf(
                "the answer to %s-%d@%d could not be published; skipped with a minimal dead letter",
                record.topic(), record.partition(), record.offset());
        return false;
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warnf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
        answers.deadLetter(record, reason);
        metrics.deadLettered();
    }

    private void publish(List<TransferLabEvent> events) {
        answers.publisher().publish(events);
    }

    private void snapshot() {
        metrics.snapshot(engine.experimentCounts(), engine.jobCounts());
    }
}

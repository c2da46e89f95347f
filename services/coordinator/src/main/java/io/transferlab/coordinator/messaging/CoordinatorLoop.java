package io.transferlab.coordinator.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.EventTypes;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.ExperimentRejected;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.events.JobEvent;
import io.transferlab.contracts.events.ExperimentEvent;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.coordinator.metrics.CoordinatorMetrics;
import io.transferlab.coordinator.request.RequestReader;
import io.transferlab.coordinator.tracking.CoordinatorEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The coordinator's one processing thread. First it rebuilds the engine's state by replaying the
 * experiment-events, training-jobs and job-events topics from the beginning to their current end
 * (in that topic order, so every experiment exists before its jobs' events); then it goes live,
 * reading requests (committed offsets of group {@code transferlab-coordinator}) and the three state
 * topics from where the replay stopped, and checking heartbeats between polls.
 * Bad records go to the dead-letter topic; nothing stops the loop but {@link #stop()} or Kafka
 * refusing to take the coordinator's decisions.
 */
final class CoordinatorLoop {
    private static final Logger LOG = Logger.getLogger(CoordinatorLoop.class);
    static final List<String> STATE_TOPICS = List.of(Topics.EXPERIMENT_EVENTS, Topics.TRAINING_JOBS,
            Topics.JOB_EVENTS);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String REQUEST_TYPE = EventTypes.of(ExperimentRequested.class).ceType();

    private final CoordinatorEngine engine;
    private final KafkaClients clients;
    private final EventPublisher publisher;
    private final RequestReader reader;
    private final CoordinatorMetrics metrics;
    private final int maxRequestBytes;
    private final Duration tickInterval;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    CoordinatorLoop(CoordinatorEngine engine, KafkaClients clients, EventPublisher publisher, RequestReader reader,
            CoordinatorMetrics metrics, int maxRequestBytes, Duration tickInterval) {
        this.engine = engine;
        this.clients = clients;
        this.publisher = publisher;
        this.reader = reader;
        this.metrics = metrics;
        this.maxRequestBytes = maxRequestBytes;
        this.tickInterval = tickInterval;
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
        Map<String, List<TransferLabEvent>> byTopic = new LinkedHashMap<>();
        STATE_TOPICS.forEach(t -> byTopic.put(t, new ArrayList<>()));
        Map<TopicPartition, Long> end;
        try (KafkaConsumer<String, byte[]> c = clients.consumer(null)) {
            consumer = c;
            if (!running) {
                return Map.of();
            }
            List<TopicPartition> partitions = partitions(c, STATE_TOPICS);
            c.assign(partitions);
            c.seekToBeginning(partitions);
            end = c.endOffsets(partitions);
            while (running && !caughtUp(c, end)) {
                for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(tp) || RecordInspector.problem(record, 0) != null) {
                        continue; // bad records were dead-lettered when first read live
                    }
                    try {
                        RecordInspector.Envelope env = RecordInspector.envelope(record);
                        byTopic.get(record.topic()).add(EventCodec.fromCloudEvent(env.ceType(), env.body()));
                    } catch (EventCodec.MalformedEventException e) {
                        LOG.debugf("replay skips unreadable record %s-%d@%d: %s", record.topic(),
                                record.partition(), record.offset(), e.getMessage());
                    }
                }
            }
        } finally {
            consumer = null;
        }
        int count = 0;
        for (List<TransferLabEvent> events : byTopic.values()) {
            events.forEach(engine::apply);
            count += events.size();
        }
        LOG.infof("state rebuilt from %d events in %d ms", count, (System.nanoTime() - started) / 1_000_000);
        return end;
    }

    private void live(Map<TopicPartition, Long> replayed) {
        try (KafkaConsumer<String, byte[]> c = clients.consumer(KafkaClients.GROUP_ID)) {
            consumer = c;
            if (!running) {
                return;
            }
            List<TopicPartition> partitions = new ArrayList<>(partitions(c, List.of(Topics.EXPERIMENT_REQUESTS)));
            partitions.addAll(replayed.keySet());
            c.assign(partitions);
            replayed.forEach(c::seek);
            publish(engine.goLive());
            snapshot();
            LOG.info("coordinator is live");
            long nextTick = System.nanoTime() + tickInterval.toNanos();
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(POLL);
                for (ConsumerRecord<String, byte[]> record : records) {
                    handle(record);
                }
                if (!records.isEmpty()) {
                    c.commitSync();
                }
                if (System.nanoTime() >= nextTick) {
                    publish(engine.onTick());
                    nextTick = System.nanoTime() + tickInterval.toNanos();
                }
                snapshot();
            }
        } finally {
            consumer = null;
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        MDC.put("topic", record.topic());
        try {
            if (Topics.EXPERIMENT_REQUESTS.equals(record.topic())) {
                handleRequest(record);
            } else {
                handleEvent(record);
            }
        } catch (EventPublisher.PublishException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not process %s-%d@%d", record.topic(), record.partition(), record.offset());
            deadLetter(record, "could not be processed: " + e);
        } finally {
            MDC.remove("topic");
            MDC.remove("experimentId");
            MDC.remove("jobId");
        }
    }

    private void handleRequest(ConsumerRecord<String, byte[]> record) {
        String problem = RecordInspector.problem(record, maxRequestBytes);
        if (problem != null) {
            deadLetter(record, problem);
            return;
        }
        RecordInspector.Envelope env = RecordInspector.envelope(record);
        if (!REQUEST_TYPE.equals(env.ceType())) {
            deadLetter(record, "CloudEvents type '" + env.ceType() + "' does not belong on "
                    + Topics.EXPERIMENT_REQUESTS + " (expected " + REQUEST_TYPE + ")");
            return;
        }
        JsonNode body;
        try {
            body = EventCodec.mapper().readTree(env.body());
        } catch (java.io.IOException e) {
            deadLetter(record, "body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
            return;
        }
        if (body == null || body.isMissingNode()) {
            deadLetter(record, "body is not JSON");
            return;
        }
        RequestReader.Outcome outcome = reader.read(body, env.ceId());
        MDC.put("experimentId", outcome.experimentId());
        List<TransferLabEvent> out = engine.onRequest(outcome, env.ceId());
        publish(out);
        for (TransferLabEvent e : out) {
            if (e instanceof ExperimentRejected rejected) {
                metrics.rejected();
                LOG.infof("rejected request %s: %s", env.ceId(), rejected.problems());
            }
        }
    }

    private void handleEvent(ConsumerRecord<String, byte[]> record) {
        String problem = RecordInspector.problem(record, 0);
        if (problem != null) {
            deadLetter(record, problem);
            return;
        }
        RecordInspector.Envelope env = RecordInspector.envelope(record);
        TransferLabEvent event;
        try {
            event = EventCodec.fromCloudEvent(env.ceType(), env.body());
        } catch (EventCodec.MalformedEventException e) {
            deadLetter(record, "unreadable " + env.ceType() + ": " + e.getMessage());
            return;
        }
        if (event instanceof ExperimentEvent e) {
            MDC.put("experimentId", e.experimentId());
        } else if (event instanceof JobEvent e) {
            MDC.put("experimentId", e.experimentId());
            MDC.put("jobId", e.jobId());
        }
        publish(engine.onEvent(event));
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warnf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
        publisher.publish(RecordInspector.deadLetter(record, reason, KafkaClients.GROUP_ID));
        metrics.deadLettered();
    }

    private void publish(List<TransferLabEvent> events) {
        publisher.publish(events);
    }

    private void snapshot() {
        metrics.snapshot(engine.experimentCounts(), engine.jobCounts());
    }

    private static boolean caughtUp(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c, List<String> topics) {
        List<TopicPartition> out = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " has no partitions (does it exist?)");
            }
            infos.forEach(p -> out.add(new TopicPartition(p.topic(), p.partition())));
        }
        return out;
    }
}

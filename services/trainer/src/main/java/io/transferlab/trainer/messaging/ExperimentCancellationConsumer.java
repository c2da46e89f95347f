package io.transferlab.trainer.messaging;

import io.transferlab.contracts.CloudEventHeaders;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.EventTypes;
import io.transferlab.contracts.TopicPolicy;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.ExperimentCancelled;
import io.transferlab.kafka.EventRecords;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.kafka.TopicReplay;
import io.transferlab.trainer.training.CancelledExperiments;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Watches {@code transferlab.experiment-events} for {@code ExperimentCancelled}. Every trainer must see
 * every cancellation, so this consumer has no group: it assigns itself all partitions and commits nothing. It
 * starts {@link #LOOKBACK} back in time (offsets by timestamp), so that a trainer started or restarted after a
 * cancellation still knows it when a job of that experiment is delivered to it again, and reports ready only once
 * it has read up to the end offsets it found at start. Running jobs of a cancelled experiment see the flag after
 * their current mini-batch.
 */
public class ExperimentCancellationConsumer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ExperimentCancellationConsumer.class);
    private static final String CANCELLED_TYPE =
            EventTypes.of(ExperimentCancelled.class).ceType();

    /**
     * How far back a (re)started trainer reads cancellations: as long as a job may wait on
     * {@code transferlab.training-jobs} (its retention, 30 days), so every job that can still be delivered meets
     * its experiment's cancellation.
     */
    static final Duration LOOKBACK = TopicPolicy.of(Topics.TRAINING_JOBS).retention();

    static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    private final KafkaConsumer<String, byte[]> consumer;
    private final CancelledExperiments cancelled;
    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean ready;
    private Map<TopicPartition, Long> startEnds;
    private volatile long lastPollMillis = System.currentTimeMillis();

    public ExperimentCancellationConsumer(KafkaClientConfig kafka, String clientId, CancelledExperiments cancelled) {
        this.cancelled = cancelled;
        this.consumer = kafka.newConsumer(consumerProperties(kafka, clientId));
        this.thread = new Thread(this::loop, "cancellations-" + clientId);
        this.thread.setDaemon(true);
    }

    /** All kafka.* settings, this consumer's own on top (no group: it assigns itself every partition). */
    static Map<String, Object> consumerProperties(KafkaClientConfig kafka, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-cancellations");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return kafka.with(props);
    }

    public void start() {
        thread.start();
    }

    /** True while the thread runs and, once positioned, polls (liveness). */
    public boolean isAlive() {
        return thread.isAlive() && (!ready || System.currentTimeMillis() - lastPollMillis < 60_000);
    }

    /** True once it has read every partition up to where it ended at start: every recent cancellation is known. */
    public boolean isReady() {
        return ready;
    }

    /**
     * Positions once at the end of every partition, then polls. A broker that is slow or away (at start or later)
     * never ends the thread: every failure is logged and tried again after a pause that doubles up to
     * {@link #MAX_PAUSE}; once positioned the consumer keeps its positions across failures, so a cancellation
     * written while it was failing is still read. While it fails after being positioned it does not poll, so
     * {@link #isAlive()} turns false after a minute and the service is restarted.
     */
    private void loop() {
        Duration pause = FIRST_PAUSE;
        try {
            while (!closing) {
                try {
                    if (startEnds == null && !position()) {
                        pause = pauseThenDouble(pause, null);
                        continue;
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        handle(record);
                    }
                    lastPollMillis = System.currentTimeMillis();
                    if (!ready && caughtUp()) {
                        ready = true;
                        LOG.infof(
                                "cancellation watcher has read the last %d days of %s",
                                LOOKBACK.toDays(), Topics.EXPERIMENT_EVENTS);
                    }
                    pause = FIRST_PAUSE;
                } catch (WakeupException e) {
                    if (!closing) {
                        LOG.warn("cancellation consumer woken up unexpectedly; going on");
                    }
                } catch (InterruptException e) {
                    return;
                } catch (RuntimeException e) {
                    pause = pauseThenDouble(pause, e);
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * True once assigned every partition of the topic, each positioned at its first record of the last {@link
     * #LOOKBACK} (or at its end when it has none), with the end offsets to read up to before being ready; false
     * while the topic does not exist.
     */
    private boolean position() {
        List<TopicPartition> partitions = TopicReplay.partitions(consumer, List.of(Topics.EXPERIMENT_EVENTS));
        if (partitions.isEmpty()) {
            LOG.debugf("topic %s not there yet", Topics.EXPERIMENT_EVENTS);
            return false;
        }
        Map<TopicPartition, Long> ends =
                TopicReplay.since(consumer, partitions, System.currentTimeMillis() - LOOKBACK.toMillis());
        lastPollMillis = System.currentTimeMillis();
        startEnds = Map.copyOf(ends);
        return true;
    }

    private boolean caughtUp() {
        return TopicReplay.caughtUp(consumer, startEnds);
    }

    private Duration pauseThenDouble(Duration pause, RuntimeException failure) {
        if (failure != null) {
            LOG.warnf(
                    "cancellation consumer: %s (%s); trying again in %d ms",
                    failure.getClass().getSimpleName(), failure.getMessage(), pause.toMillis());
        }
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : doubled;
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        if (!CANCELLED_TYPE.equals(EventRecords.header(record, CloudEventHeaders.TYPE))) {
            return;
        }
        try {
            ExperimentCancelled event = EventCodec.fromJson(record.value(), ExperimentCancelled.class);
            LOG.infof("experiment %s cancelled: %s", event.experimentId(), event.reason());
            cancelled.cancelled(event.experimentId());
        } catch (RuntimeException e) {
            LOG.warnf(
                    "unreadable ExperimentCancelled at %s-%d@%d: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

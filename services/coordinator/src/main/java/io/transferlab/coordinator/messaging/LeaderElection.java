package io.transferlab.coordinator.messaging;

import io.transferlab.contracts.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * One coordinator at a time. Every coordinator joins the consumer group {@value #GROUP_ID} on the state
 * topic; the one assigned its partition 0 is the leader and runs the processing loop, the others wait.
 * Kafka gives a partition to one member of a group at a time, and with the cooperative sticky assignor a
 * partition moves only after its owner revoked it: the leader stops its loop inside the revocation (or
 * when it learns its membership was lost) before anyone else is elected. The partitions are paused, so
 * membership costs a heartbeat and no reading.
 */
final class LeaderElection implements Runnable {
    static final String GROUP_ID = "transferlab-coordinator-leader";
    static final TopicPartition LOCK = new TopicPartition(Topics.COORDINATOR_STATE, 0);
    private static final Logger LOG = Logger.getLogger(LeaderElection.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration BACKOFF = Duration.ofSeconds(2);

    /** What the runtime does on election and deposition; both are called on the election thread. */
    interface Listener {
        /** Prepares what the group needs (the topics); called before every attempt to join. */
        void beforeJoin() throws InterruptedException;

        void elected();

        /** Must return only once this coordinator has stopped deciding. */
        void deposed();
    }

    private final Map<String, Object> consumerProperties;
    private final Listener listener;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean leader;

    LeaderElection(Map<String, Object> baseConsumerProperties, Listener listener) {
        this.consumerProperties = properties(baseConsumerProperties);
        this.listener = listener;
    }

    static Map<String, Object> properties(Map<String, Object> base) {
        Map<String, Object> props = new java.util.HashMap<>(base);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, GROUP_ID);
        return props;
    }

    boolean isLeader() {
        return leader;
    }

    @Override
    public void run() {
        while (stopped.getCount() > 0) {
            try {
                listener.beforeJoin();
                try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(
                        consumerProperties, new StringDeserializer(), new ByteArrayDeserializer())) {
                    consumer = c;
                    c.subscribe(List.of(Topics.COORDINATOR_STATE), new Rebalance(c));
                    while (stopped.getCount() > 0) {
                        c.poll(POLL);
                    }
                } finally {
                    consumer = null;
                    depose(); // closing revoked the partition already; a failure may not have
                }
            } catch (WakeupException e) {
                // stop() or rejoin() woke the poll: the loop ends or joins again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Kafka failures, and anything else that goes wrong while joining or in a listener: join again.
                // An Error ends the thread, and the liveness check then has the process restarted.
                LOG.errorf(e, "leader election failed; joining again in %s", BACKOFF);
                try {
                    if (stopped.await(BACKOFF.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Leaves the group and joins it again (the leader's loop found itself fenced): deposed now, elected again
     * only if the group still gives this coordinator the lock.
     */
    void rejoin() {
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    void stop() {
        stopped.countDown();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void elect() {
        if (!leader) {
            leader = true;
            LOG.info("elected: this coordinator is the leader");
            listener.elected();
        }
    }

    private void depose() {
        if (leader) {
            leader = false;
            LOG.info("deposed: this coordinator stops deciding");
            listener.deposed();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> c;

        Rebalance(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            c.pause(partitions);
            if (partitions.contains(LOCK)) {
                elect();
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.contains(LOCK)) {
                depose();
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (partitions.contains(LOCK)) {
                depose();
            }
        }
    }
}

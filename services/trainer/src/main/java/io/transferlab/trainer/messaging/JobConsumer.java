package io.transferlab.trainer.messaging;

import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.TrainingJobRequested;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.kafka.PublishException;
import io.transferlab.kafka.RecordInspector;
import io.transferlab.kafka.UnreadableRecordException;
import io.transferlab.trainer.training.ComputeSlot;
import io.transferlab.trainer.training.JobOutcomeKind;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Takes training jobs from {@code transferlab.training-jobs} in the shared consumer group, one record
 * per poll, on a dedicated thread. Each job trains on its own executor; while every slot is busy the
 * assigned partitions are paused and {@code poll()} keeps running, so the group sees a healthy member
 * for the whole of a long job and no other job is taken. A job holds a {@link ComputeSlot} only while it
 * computes: it fetches its inputs before it asks for one (so the next job's downloads and checks run while
 * the slots train), and gives it back once only I/O is left (final checkpoint, upload, result, events), which
 * it finishes beside the next job. So up to {@code 2 x slots} jobs are taken and not yet done computing, and
 * at most {@code 3 x slots} are in flight; the loop is woken when a job gives its slot back or ends. A job's offset is committed only after the
 * job ended with a terminal event (completed, failed, cancelled): if this trainer dies, the group
 * hands the partition to another trainer, which receives the job again and resumes it from its last
 * checkpoint. A partition taken away by a rebalance stops its job here (no terminal event) for the
 * same reason.
 */
public class JobConsumer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JobConsumer.class);
    public static final String GROUP_ID = "transferlab-trainer";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);
    /** The first wait before a record that not even a dead letter could answer is read again; it doubles up to MAX. */
    private static final Duration FIRST_HOLD_BACK = Duration.ofSeconds(1);

    private static final Duration MAX_HOLD_BACK = Duration.ofSeconds(30);

    /** Trains one job and says how it ended; it computes only while it holds {@code slot}. */
    @FunctionalInterface
    public interface JobHandler {
        JobOutcomeKind run(TrainingJobRequested job, BooleanSupplier released, ComputeSlot slot);
    }

    private record Running(String jobId, AtomicBoolean released, JobSlot slot) {}

    /** {@code failure}: what ended the job outside its handler's own reporting, or null. */
    private record Finished(TopicPartition partition, long offset, JobOutcomeKind outcome, Throwable failure) {}

    /** A partition paused until {@code untilNanos} because its record could not be dead-lettered; then {@code next}. */
    private record HeldBack(long untilNanos, Duration next) {}

    private final KafkaConsumer<String, byte[]> consumer;
    private final int maxConcurrentJobs;
    private final int maxInFlight;
    private final Semaphore slots;
    private final JobHandler handler;
    private final BooleanSupplier accepting;
    private final JobEventPublisher publisher;
    private final ExecutorService training;
    private final OffsetTracker offsets = new OffsetTracker();
    private final Map<TopicPartition, Map<Long, Running>> running = new HashMap<>();
    private final ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
    private final Map<TopicPartition, HeldBack> heldBack = new HashMap<>();
    private final Thread thread;
    private volatile boolean closing;
    private volatile long lastPollMillis = System.currentTimeMillis();
    private volatile int assignedPartitions;

    /** {@code accepting}: false while this trainer must take no new job (the object store is away). */
    public JobConsumer(
            KafkaClientConfig kafka,
            String clientId,
            int maxConcurrentJobs,
            JobHandler handler,
            JobEventPublisher publisher,
            BooleanSupplier accepting) {
        this.accepting = accepting;
        this.maxConcurrentJobs = Math.max(1, maxConcurrentJobs);
        this.maxInFlight = 3 * this.maxConcurrentJobs;
        this.slots = new Semaphore(this.maxConcurrentJobs, true);
        this.handler = handler;
        this.publisher = publisher;
        this.consumer = kafka.newConsumer(consumerProperties(kafka, clientId));
        this.training = Executors.newFixedThreadPool(this.maxInFlight, runnable -> {
            Thread t = new Thread(runnable, "training-" + clientId);
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::loop, "job-consumer-" + clientId);
        this.thread.setDaemon(true);
    }

    /** All kafka.* settings, this consumer's own on top: the shared group, one job per poll, manual commits. */
    static Map<String, Object> consumerProperties(KafkaClientConfig kafka, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-jobs");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Only what a leading coordinator committed: a fenced (deposed) one's dispatches are never trained.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Sticky, incremental rebalances: a trainer joining or leaving moves only the partitions it must,
        // so running jobs elsewhere keep their partitions.
        // A trainer that dies loses its partitions after 10 s; a live one heartbeats from Kafka's own thread
        // and polls every 200 ms however long its job, so this never fires during training.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return kafka.with(props);
    }

    public void start() {
        thread.start();
    }

    /** True while the consumer thread runs and has polled recently (liveness, independent of job length). */
    public boolean isAlive() {
        return thread.isAlive() && System.currentTimeMillis() - lastPollMillis < 60_000;
    }

    /** Partitions of {@code transferlab.training-jobs} this trainer owns now. */
    public int assignedPartitions() {
        return assignedPartitions;
    }

    private void loop() {
        try {
            consumer.subscribe(List.of(Topics.TRAINING_JOBS), new Rebalance());
            while (!closing) {
                settleFinished();
                applyBackpressure();
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        take(record);
                    }
                } catch (WakeupException e) {
                    if (closing) {
                        throw e;
                    }
                    // a job ended or freed its slot: settle it and take the next job now
                }
                lastPollMillis = System.currentTimeMillis();
            }
        } catch (WakeupException e) {
            if (!closing) {
                LOG.error("job consumer woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("job consumer stopped", e);
        } finally {
            shutdown();
        }
    }

    private int runningCount() {
        return running.values().stream().mapToInt(Map::size).sum();
    }

    /** Jobs not yet done computing: fetching their inputs, waiting for a slot or holding one. */
    private int toCompute() {
        return (int) running.values().stream()
                .flatMap(jobs -> jobs.values().stream())
                .filter(job -> !job.slot().done())
                .count();
    }

    private boolean full() {
        return toCompute() >= 2 * maxConcurrentJobs || runningCount() >= maxInFlight || !accepting.getAsBoolean();
    }

    /** Wakes the loop from its poll (a job ended or freed its slot). */
    private void nudge() {
        consumer.wakeup();
    }

    private void applyBackpressure() {
        if (full()) {
            consumer.pause(consumer.assignment());
            return;
        }
        long now = System.nanoTime();
        Set<TopicPartition> resumable = new HashSet<>(consumer.paused());
        resumable.removeIf(p -> heldBack.containsKey(p) && now - heldBack.get(p).untilNanos() < 0);
        if (!resumable.isEmpty()) {
            consumer.resume(resumable);
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (full()) {
            // Only if a record slipped through a pause: read it again once a slot is free.
            consumer.seek(partition, record.offset());
            consumer.pause(Set.of(partition));
            return;
        }
        offsets.taken(partition, record.offset());
        TrainingJobRequested job;
        try {
            job = parse(record);
        } catch (RuntimeException e) {
            try {
                deadLetter(record, e.getMessage());
            } catch (PublishException publishFailure) {
                holdBack(partition, record.offset(), "could not dead-letter it", publishFailure);
                return;
            }
            heldBack.remove(partition);
            offsets.finished(partition, record.offset());
            commit(partition);
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        JobSlot slot = new JobSlot();
        running.computeIfAbsent(partition, p -> new LinkedHashMap<>())
                .put(record.offset(), new Running(job.jobId(), released, slot));
        LOG.infof("took job %s (attempt %d) from %s@%d", job.jobId(), job.attempt(), partition, record.offset());
        long offset = record.offset();
        training.submit(() -> {
            JobOutcomeKind outcome;
            Throwable failure = null;
            try {
                outcome = handler.run(job, released::get, slot);
            } catch (Throwable e) {
                // The handler reports every failure of the job itself; this is a failure around it (an
                // interrupt while waiting for an older attempt): not committed, the job is read again after a
                // wait, so that a failure that comes back every time never turns this loop hot.
                LOG.errorf(e, "job %s ended with an uncaught error; it will be delivered again", job.jobId());
                outcome = JobOutcomeKind.RELEASED;
                failure = e;
            }
            slot.release();
            finished.add(new Finished(partition, offset, outcome, failure));
            nudge();
        });
        if (full()) {
            consumer.pause(consumer.assignment());
        }
    }

    /** The slot of one taken job: acquired at most once, released once; done once released or never needed. */
    private final class JobSlot implements ComputeSlot {
        private final AtomicBoolean held = new AtomicBoolean();
        private final AtomicBoolean done = new AtomicBoolean();

        @Override
        public boolean acquire(BooleanSupplier giveUp) {
            if (done.get() || held.get()) {
                throw new IllegalStateException("a job takes its compute slot once");
            }
            try {
                while (!giveUp.getAsBoolean()) {
                    if (slots.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                        held.set(true);
                        return true;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }

        @Override
        public void release() {
            if (held.compareAndSet(true, false)) {
                slots.release();
            }
            if (done.compareAndSet(false, true)) {
                nudge();
            }
        }

        boolean done() {
            return done.get();
        }
    }

    /**
     * A record that could not be settled (Kafka took not even a minimal dead letter, after the publisher's
     * patience or at once when it refuses it; or its job failed around its handler) is read again, not dropped
     * silently, but only after a wait that doubles each time, so that a dead-letter topic which refuses
     * everything, or a failure that comes back every time, never turns this loop hot.
     */
    private void holdBack(TopicPartition partition, long offset, String why, Throwable failure) {
        HeldBack previous = heldBack.get(partition);
        Duration wait = previous == null ? FIRST_HOLD_BACK : previous.next();
        Duration next = wait.multipliedBy(2).compareTo(MAX_HOLD_BACK) > 0 ? MAX_HOLD_BACK : wait.multipliedBy(2);
        heldBack.put(partition, new HeldBack(System.nanoTime() + wait.toNanos(), next));
        LOG.errorf(failure, "%s@%d: %s; reading it again in %s", partition, offset, why, wait);
        consumer.seek(partition, offset);
        consumer.pause(Set.of(partition));
    }

    private static TrainingJobRequested parse(ConsumerRecord<String, byte[]> record) {
        if (RecordInspector.event(record, 0) instanceof TrainingJobRequested job) {
            return job;
        }
        throw new UnreadableRecordException("not a training job");
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warnf("dead-lettering %s@%d: %s", record.topic() + "-" + record.partition(), record.offset(), reason);
        publisher.deadLetter(record, reason);
    }

    /** Commits finished jobs; a released job is read again (if its partition is still ours). */
    private void settleFinished() {
        Finished done;
        while ((done = finished.poll()) != null) {
            Map<Long, Running> jobs = running.get(done.partition());
            if (jobs != null) {
                jobs.remove(done.offset());
            }
            boolean owned = consumer.assignment().contains(done.partition());
            if (!owned) {
                continue;
            }
            if (done.outcome().commits()) {
                offsets.finished(done.partition(), done.offset());
                commit(done.partition());
            } else if (!closing && done.failure() != null) {
                holdBack(done.partition(), done.offset(), "its job failed outside its handler", done.failure());
            } else if (!closing) {
                consumer.seek(done.partition(), done.offset());
            }
        }
    }

    private void commit(TopicPartition partition) {
        OptionalLong next = offsets.committable(partition);
        if (next.isEmpty()) {
            return;
        }
        try {
            commitSync(partition, next.getAsLong());
            offsets.committed(partition, next.getAsLong());
        } catch (RuntimeException e) {
            LOG.warnf(
                    "commit of %s at %d failed (the job may be delivered again): %s",
                    partition, next.getAsLong(), e.toString());
        }
    }

    /**
     * A wake-up meant for the poll (a job's nudge, or close()) may land in the commit instead: the commit is made
     * again (the loop still sees {@code closing} on its next round).
     */
    private void commitSync(TopicPartition partition, long offset) {
        Map<TopicPartition, OffsetAndMetadata> commit = Map.of(partition, new OffsetAndMetadata(offset));
        for (int attempt = 1; ; attempt++) {
            try {
                consumer.commitSync(commit, COMMIT_TIMEOUT);
                return;
            } catch (WakeupException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private void release(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            Map<Long, Running> jobs = running.getOrDefault(partition, Map.of());
            for (Running job : jobs.values()) {
                LOG.infof("partition %s moved away: stopping job %s here", partition, job.jobId());
                job.released().set(true);
            }
            offsets.forget(partition);
            heldBack.remove(partition);
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            settleFinished();
            partitions.forEach(JobConsumer.this::commit);
            release(partitions);
            assignedPartitions = consumer.assignment().size() - partitions.size();
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            release(partitions);
            assignedPartitions = 0;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignedPartitions = consumer.assignment().size();
            if (full()) {
                consumer.pause(partitions);
            }
        }
    }

    private void shutdown() {
        training.shutdown();
        try {
            // Running jobs were told to stop (TrainingService.close); wait for them so finished ones commit.
            if (!training.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("jobs still running at shutdown; they will be delivered again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            settleFinished();
        } catch (RuntimeException e) {
            LOG.warnf("could not settle finished jobs at shutdown: %s", e.toString());
        }
        consumer.close(Duration.ofSeconds(10));
    }

    /** Stops taking jobs and leaves the group once running jobs have stopped. */
    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

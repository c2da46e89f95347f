package io.transferlab.kafka;

import io.transferlab.contracts.events.TransferLabEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * The one way TransferLab publishes: every record as a CloudEvent ({@link EventRecords}), and a call returns
 * only once the broker acknowledged it (idempotent producer, {@code acks=all}). One timeout bounds it all
 * (see {@link KafkaClientConfig#acknowledgedProducer(String, Duration)}); whatever goes wrong surfaces as
 * one {@link PublishException}. A {@link #fencing fencing} publisher also shuts out every earlier one with
 * its transactional id (a zombie: {@link FencedException}). Thread-safe.
 */
public final class AcknowledgedPublisher implements AutoCloseable {
    /** The publish timeout every service uses unless configured otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, byte[]> producer;
    private final String source;
    private final Duration timeout;
    private final boolean transactional;

    /**
     * @param source the {@code ce_source} of what this publisher sends
     * @param timeout how long one publish may take, from send to acknowledgement
     */
    public AcknowledgedPublisher(KafkaClientConfig kafka, String clientId, String source, Duration timeout) {
        this(kafka.newProducer(kafka.acknowledgedProducer(clientId, timeout)), source, timeout);
    }

    AcknowledgedPublisher(Producer<String, byte[]> producer, String source, Duration timeout) {
        this(producer, source, timeout, false);
    }

    private AcknowledgedPublisher(
            Producer<String, byte[]> producer, String source, Duration timeout, boolean transactional) {
        this.producer = producer;
        this.source = source;
        this.timeout = timeout;
        this.transactional = transactional;
    }

    /**
     * A publisher that fences its predecessors: a transactional producer with {@code transactionalId}, whose
     * start makes every earlier producer with that id fail from then on ({@link FencedException}) and aborts
     * what it left open. Each publish is one transaction, so a reader at {@code read_committed} sees all of it
     * or nothing, and nothing of a fenced one. For a writer that must stay single (the leading coordinator).
     *
     * @throws PublishException when the producer cannot start
     */
    public static AcknowledgedPublisher fencing(
            KafkaClientConfig kafka, String clientId, String transactionalId, String source, Duration timeout) {
        return fencing(
                kafka.newProducer(kafka.fencingProducer(clientId, transactionalId, timeout)),
                transactionalId,
                source,
                timeout);
    }

    /** {@link #fencing(KafkaClientConfig, String, String, String, Duration)} over a transactional producer. */
    static AcknowledgedPublisher fencing(
            Producer<String, byte[]> producer, String transactionalId, String source, Duration timeout) {
        try {
            producer.initTransactions();
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw new PublishException("cannot start the producer of " + transactionalId + ": " + e, e);
        }
        return new AcknowledgedPublisher(producer, source, timeout, true);
    }

    public String source() {
        return source;
    }

    public void publish(TransferLabEvent event) {
        publish(List.of(event));
    }

    /** Publishes in order and returns once every event is acknowledged. */
    public void publish(List<? extends TransferLabEvent> events) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
        for (TransferLabEvent event : events) {
            records.add(EventRecords.of(event, source));
        }
        send(records);
    }

    /** Sends records as they are (raw bytes, headers of the caller's choosing) and waits for every acknowledgement. */
    public void send(List<ProducerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return;
        }
        if (!transactional) {
            sendAndAwait(records);
            return;
        }
        synchronized (this) {
            boolean open = false;
            try {
                producer.beginTransaction();
                open = true;
                sendAndAwait(records);
                producer.commitTransaction();
                open = false;
            } catch (KafkaException e) {
                throw failure(records.get(0).topic(), e);
            } catch (PublishException e) {
                throw e instanceof FencedException || !FencedException.isFencing(e)
                        ? e
                        : new FencedException(e.getMessage(), e.getCause());
            } finally {
                if (open) {
                    abortQuietly();
                }
            }
        }
    }

    private void sendAndAwait(List<ProducerRecord<String, byte[]>> records) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        String topic = records.get(0).topic();
        try {
            for (ProducerRecord<String, byte[]> record : records) {
                acks.add(producer.send(record));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException e) {
            throw new PublishException("Kafka did not take a record for " + topic + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishException("Kafka did not acknowledge a record for " + topic + " within " + timeout, e);
        } catch (KafkaException e) {
            throw failure(topic, e);
        }
    }

    private static PublishException failure(String topic, KafkaException e) {
        return FencedException.isFencing(e)
                ? new FencedException(
                        "another producer with this transactional id took over; nothing published to " + topic, e)
                : new PublishException("cannot publish to " + topic + ": " + e, e);
    }

    /** Ends an open transaction without its records; a producer in a fatal state (fenced) refuses, which is fine. */
    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            // fenced or otherwise unusable: the caller gets the failure that led here
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

package io.transferlab.coordinator.messaging;

import io.transferlab.contracts.CloudEventHeaders;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.ExperimentEvent;
import io.transferlab.contracts.events.JobEvent;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.kafka.EventRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The test's view of the broker: records everything on the coordinator's output topics (read from
 * the beginning by a background consumer) and publishes what users and trainers would.
 */
final class EventLog implements AutoCloseable {
    /** One record as read back: its topic, key, headers and decoded event. */
    record Seen(String topic, String key, Map<String, String> headers, TransferLabEvent event) {}

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Thread thread;
    private volatile boolean running = true;

    EventLog(String bootstrapServers) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // as every TransferLab consumer reads
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic :
                List.of(Topics.EXPERIMENT_EVENTS, Topics.TRAINING_JOBS, Topics.JOB_EVENTS, Topics.DEAD_LETTERS)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::poll, "test-event-log");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    Map<String, String> headers = new HashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                    }
                    try {
                        TransferLabEvent event =
                                EventCodec.fromCloudEvent(headers.get(CloudEventHeaders.TYPE), r.value());
                        seen.add(new Seen(r.topic(), r.key(), headers, event));
                    } catch (EventCodec.MalformedEventException e) {
                        // the poison messages the tests themselves publish
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** Every event of the given type seen so far (for experiment or job events: of that experiment). */
    <T extends TransferLabEvent> List<T> all(Class<T> type, String experimentId) {
        return seen.stream()
                .map(Seen::event)
                .filter(type::isInstance)
                .map(type::cast)
                .filter(e -> experimentId == null || experimentOf(e).equals(experimentId))
                .toList();
    }

    List<Seen> records() {
        return List.copyOf(seen);
    }

    private static String experimentOf(TransferLabEvent e) {
        if (e instanceof ExperimentEvent x) {
            return x.experimentId();
        }
        if (e instanceof JobEvent j) {
            return j.experimentId();
        }
        return "";
    }

    /** Publishes an event as any TransferLab service does. */
    void publish(TransferLabEvent event, String source) {
        send(EventRecords.of(event, source));
    }

    /** Publishes raw bytes with the given headers, for malformed input. */
    void publishRaw(String topic, String key, byte[] body, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, body);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        send(record);
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5000);
        producer.close();
    }
}

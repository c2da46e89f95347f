package io.transferlab.launcher.client;

import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.kafka.EventRecords;
import io.transferlab.launcher.LauncherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishing a request and reading the event topics, as any Kafka client of TransferLab would. */
public final class KafkaEvents {

    /** {@code ce_source} of what the CLI publishes. */
    public static final String SOURCE = "/transferlab/cli";

    private KafkaEvents() {
    }

    /** Publishes the request with CloudEvents headers, keyed by its experiment id (if any); waits for the ack. */
    public static void publish(String bootstrap, ExperimentRequested request) {
        publish(bootstrap, Topics.EXPERIMENT_REQUESTS, request.key(), EventCodec.toJson(request),
                EventCodec.headers(request, SOURCE));
    }

    /** Publishes raw bytes with the given headers (for requests that are not valid records, and tests). */
    public static void publish(String bootstrap, String topic, String key, byte[] body, Map<String, String> headers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(EventRecords.of(topic, key, body, headers)).get(90, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("Interrupted while publishing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new LauncherException("Cannot publish to " + topic + " at " + bootstrap + ": "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new LauncherException("Cannot reach Kafka at " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the given topics from the beginning, without a consumer group (nothing is committed),
     * handing every decodable TransferLab event to the caller.
     */
    public static final class Tail implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;

        public Tail(String bootstrap, List<String> topics) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                try {
                    consumer.partitionsFor(topic, Duration.ofSeconds(30))
                            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                } catch (org.apache.kafka.common.KafkaException e) {
                    consumer.close();
                    throw new LauncherException("Cannot read topic " + topic + " at " + bootstrap + ": " + e.getMessage(), e);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** The events that arrived within {@code timeout}; records that are not events are skipped. */
        public List<TransferLabEvent> poll(Duration timeout) {
            List<TransferLabEvent> events = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
                try {
                    EventRecords.decode(record).ifPresent(events::add);
                } catch (RuntimeException e) {
                    // not ours to judge here: the coordinator dead-letters malformed records
                }
            }
            return events;
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}

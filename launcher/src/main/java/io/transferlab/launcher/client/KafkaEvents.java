package io.transferlab.launcher.client;

import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.kafka.AcknowledgedPublisher;
import io.transferlab.kafka.EventRecords;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.kafka.PublishException;
import io.transferlab.kafka.RecordInspector;
import io.transferlab.kafka.TopicReplay;
import io.transferlab.kafka.UnreadableRecordException;
import io.transferlab.launcher.LauncherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishing a request and reading the event topics, as any Kafka client of TransferLab would (kafka-support). */
public final class KafkaEvents {

    /** {@code ce_source} of what the CLI publishes. */
    public static final String SOURCE = "/transferlab/cli";

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(60);

    private KafkaEvents() {}

    /** Publishes the request with CloudEvents headers, keyed by its experiment id (if any); waits for the ack. */
    public static void publish(String bootstrap, ExperimentRequested request) {
        publish(bootstrap, EventRecords.of(request, SOURCE));
    }

    /** Publishes raw bytes with the given headers (for requests that are not valid records, and tests). */
    public static void publish(String bootstrap, String topic, String key, byte[] body, Map<String, String> headers) {
        publish(bootstrap, EventRecords.of(topic, key, body, headers));
    }

    private static void publish(String bootstrap, ProducerRecord<String, byte[]> record) {
        String topic = record.topic();
        try (AcknowledgedPublisher publisher =
                new AcknowledgedPublisher(kafka(bootstrap), "transferlab-cli", SOURCE, PUBLISH_TIMEOUT)) {
            publisher.send(List.of(record));
        } catch (PublishException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new LauncherException("Interrupted while publishing to " + topic, e);
            }
            throw new LauncherException(
                    "Cannot publish to " + topic + " at " + bootstrap + ": "
                            + (e.getCause() == null ? e : e.getCause()).getMessage(),
                    e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new LauncherException("Cannot reach Kafka at " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    private static KafkaClientConfig kafka(String bootstrap) {
        return new KafkaClientConfig(Map.of("bootstrap.servers", bootstrap));
    }

    /**
     * Reads the given topics from the beginning, without a consumer group (nothing is committed),
     * handing every decodable TransferLab event to the caller.
     */
    public static final class Tail implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;

        public Tail(String bootstrap, List<String> topics) {
            KafkaClientConfig kafka = kafka(bootstrap);
            consumer = kafka.newConsumer(kafka.with(Map.of(
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "read_committed",
                    ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                    30_000)));
            try {
                TopicReplay.fromBeginning(consumer, TopicReplay.partitions(consumer, topics));
            } catch (org.apache.kafka.common.KafkaException e) {
                consumer.close();
                throw new LauncherException(
                        "Cannot read topics " + topics + " at " + bootstrap + ": " + e.getMessage(), e);
            }
        }

        /** The events that arrived within {@code timeout}; records that are not events are skipped. */
        public List<TransferLabEvent> poll(Duration timeout) {
            List<TransferLabEvent> events = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
                try {
                    events.add(RecordInspector.event(record, 0));
                } catch (UnreadableRecordException e) {
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

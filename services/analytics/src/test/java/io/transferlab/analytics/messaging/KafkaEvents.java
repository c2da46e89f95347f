package io.transferlab.analytics.messaging;

import io.transferlab.contracts.CloudEventHeaders;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.DeadLettered;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.events.TransferScoresComputed;
import io.transferlab.kafka.EventRecords;
import io.transferlab.localstack.LocalStack;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes events on the shared test broker the way the other services do, and reads scores back. */
final class KafkaEvents {
    static final String SOURCE = "/transferlab/test";

    private KafkaEvents() {}

    static void createTopics() {
        LocalStack.kafka()
                .createTopics(Map.of(
                        Topics.EXPERIMENT_EVENTS, 3, Topics.JOB_EVENTS, 3, Topics.SCORES, 3, Topics.DEAD_LETTERS, 1));
    }

    static void send(List<? extends TransferLabEvent> events) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (TransferLabEvent event : events) {
                get(producer.send(EventRecords.of(event, SOURCE)));
            }
        }
    }

    /** A record with the given headers and body, as a buggy or hostile producer might send. */
    static void sendRaw(String topic, String key, String ceType, String ceId, String body) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(topic, key, body.getBytes(StandardCharsets.UTF_8));
            if (ceType != null) {
                record.headers().add(CloudEventHeaders.TYPE, ceType.getBytes(StandardCharsets.UTF_8));
            }
            record.headers().add(CloudEventHeaders.ID, ceId.getBytes(StandardCharsets.UTF_8));
            get(producer.send(record));
        }
    }

    /** Every scores event published so far for the experiment, in partition order. */
    static List<TransferScoresComputed> scores(String experimentId) {
        return read(Topics.SCORES, experimentId, TransferScoresComputed.class);
    }

    /** Every dead letter published so far for records with that key. */
    static List<DeadLettered> deadLetters(String originalKey) {
        return read(Topics.DEAD_LETTERS, null, DeadLettered.class).stream()
                .filter(d -> originalKey.equals(d.originalKey()))
                .toList();
    }

    /** What the topic holds now under {@code key} (every key when null), in partition order. */
    private static <T> List<T> read(String topic, String key, Class<T> type) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.kafka().bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<T> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key == null || key.equals(record.key())) {
                        events.add(EventCodec.fromJson(record.value(), type));
                    }
                }
            }
        }
        return events;
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.kafka().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static void get(java.util.concurrent.Future<?> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish a test event", e);
        }
    }
}

package io.transferlab.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaBrokerTest {

    private static KafkaProcess broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.builder().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.stop();
    }

    @Test
    @Order(1)
    void createdTopicsRoundTripRecords() {
        broker.createTopics(Map.of("round-trip", 2, "other", 1));
        broker.createTopics(Map.of("round-trip", 2)); // existing topics are fine

        assertThat(broker.topics()).contains("round-trip", "other");
        send("round-trip", 10);
        assertThat(consume("round-trip", 10))
                .hasSize(10)
                .extracting(ConsumerRecord::value)
                .contains("value-0", "value-9");
    }

    @Test
    @Order(2)
    void topicsAreCreatedOnFirstUse() {
        send("auto-created", 3);

        assertThat(consume("auto-created", 3))
                .extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("key-0", "key-1", "key-2");
        assertThat(broker.topics()).contains("auto-created");
    }

    @Test
    @Order(3)
    void killIsACrashAndRestartKeepsTheData() {
        send("durable", 5);
        long pid = broker.pid();

        broker.kill();

        assertThat(broker.isRunning()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        assertThat(Ports.isListening(broker.port())).isFalse();

        broker.restart();

        assertThat(broker.isRunning()).isTrue();
        assertThat(consume("durable", 5)).hasSize(5);
    }

    @Test
    @Order(4)
    void stopIsGracefulAndIdempotent() {
        broker.stop();
        broker.stop();

        assertThat(broker.isRunning()).isFalse();
        assertThat(Ports.isListening(broker.port())).isFalse();
        assertThat(broker.logFile()).content().contains("Kafka Server started");
    }

    private static void send(String topic, int count) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
            }
            producer.flush();
        }
    }

    private static List<ConsumerRecord<String, String>> consume(String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }
}

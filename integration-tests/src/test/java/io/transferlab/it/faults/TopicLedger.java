package io.transferlab.it.faults;

import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.JobEvent;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.kafka.RecordInspector;
import io.transferlab.kafka.TopicReplay;
import io.transferlab.kafka.UnreadableRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Everything on the TransferLab topics at one moment, read from the beginning to the end without a
 * consumer group: the raw records (sizes, headers, offsets) and the events decoded from them.
 */
record TopicLedger(List<ConsumerRecord<String, byte[]>> records, List<Entry> entries) {

    /** One decoded event and the record it came from. */
    record Entry(ConsumerRecord<String, byte[]> record, TransferLabEvent event) {}

    static TopicLedger read(String bootstrap) {
        KafkaClientConfig kafka = new KafkaClientConfig(Map.of("bootstrap.servers", bootstrap));
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.newConsumer(kafka.with(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                16 * 1024 * 1024,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                60_000)))) {
            TopicReplay.replay(consumer, Topics.ALL, Duration.ofMillis(500), () -> true, records::add);
        }
        List<Entry> entries = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                entries.add(new Entry(record, RecordInspector.event(record, 0)));
            } catch (UnreadableRecordException e) {
                // a poison record a test published on purpose; its answer is what the test looks for
            }
        }
        return new TopicLedger(List.copyOf(records), List.copyOf(entries));
    }

    /** The events of one type, in topic order. */
    <T extends TransferLabEvent> List<T> events(Class<T> type) {
        return entries.stream()
                .map(Entry::event)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** The job events of one type that belong to one job. */
    <T extends JobEvent> List<T> jobEvents(Class<T> type, String jobId) {
        return events(type).stream().filter(e -> e.jobId().equals(jobId)).toList();
    }

    /** The entries of one type, with their records. */
    List<Entry> entries(Class<? extends TransferLabEvent> type) {
        return entries.stream().filter(e -> type.isInstance(e.event())).toList();
    }
}

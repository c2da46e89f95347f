package io.transferlab.trainer.support;

import io.transferlab.contracts.CloudEventHeaders;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.JobEvent;
import io.transferlab.contracts.events.TransferLabEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Records every event on {@code transferlab.job-events} (from the beginning) while a test runs. */
public final class JobEvents implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<JobEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> sources = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closing;

    public JobEvents(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.JOB_EVENTS, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException(Topics.JOB_EVENTS + " does not exist: create the topics first");
        }
        List<TopicPartition> partitions = infos.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::loop, "job-events-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (!closing) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
                    TransferLabEvent event =
                            EventCodec.fromCloudEvent(new String(type.value(), StandardCharsets.UTF_8), record.value());
                    if (event instanceof JobEvent jobEvent) {
                        if (!jobEvent.jobId().equals(record.key())) {
                            throw new IllegalStateException("job event not keyed by its job id: " + record.key());
                        }
                        Header source = record.headers().lastHeader(CloudEventHeaders.SOURCE);
                        sources.add(new String(source.value(), StandardCharsets.UTF_8));
                        events.add(jobEvent);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    public <T extends JobEvent> List<T> of(String jobId, Class<T> type) {
        return all(jobId).filter(type::isInstance).map(type::cast).toList();
    }

    public Stream<JobEvent> all(String jobId) {
        return events.stream().filter(e -> e.jobId().equals(jobId));
    }

    public List<String> sources() {
        return List.copyOf(sources);
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

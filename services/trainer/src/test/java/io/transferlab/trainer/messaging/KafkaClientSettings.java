package io.transferlab.trainer.messaging;

import io.transferlab.kafka.KafkaClientConfig;
import java.util.Map;

/** The properties each of a trainer's Kafka clients is built with, for tests outside this package. */
public final class KafkaClientSettings {
    private KafkaClientSettings() {}

    public static Map<String, Object> producer(KafkaClientConfig kafka, String trainerId) {
        return JobEventPublisher.producerProperties(kafka, trainerId);
    }

    public static Map<String, Object> jobConsumer(KafkaClientConfig kafka, String trainerId) {
        return JobConsumer.consumerProperties(kafka, trainerId);
    }

    public static Map<String, Object> cancellationConsumer(KafkaClientConfig kafka, String trainerId) {
        return ExperimentCancellationConsumer.consumerProperties(kafka, trainerId);
    }
}

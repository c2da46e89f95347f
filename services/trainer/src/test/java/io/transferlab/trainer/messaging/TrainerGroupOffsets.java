package io.transferlab.trainer.messaging;

import io.transferlab.contracts.Topics;
import io.transferlab.localstack.KafkaBroker;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/** What the trainers' consumer group committed, read from the broker. */
final class TrainerGroupOffsets {
    private TrainerGroupOffsets() {}

    /** The group's committed offset of {@code training-jobs} partition 0 (the next record to read; 0 when none). */
    static long committed(KafkaBroker kafka) throws Exception {
        try (Admin admin = kafka.admin()) {
            var offsets = admin.listConsumerGroupOffsets(JobConsumer.GROUP_ID)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            var offset = offsets.get(new TopicPartition(Topics.TRAINING_JOBS, 0));
            return offset == null ? 0 : offset.offset();
        }
    }
}

package io.transferlab.contracts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * How long each TransferLab topic keeps its records, and how: the one definition that the
 * coordinator's topic initializer, the chart's topic job and compose apply (tests compare them).
 * Event topics delete by time; the state topics are compacted (the latest snapshot per key is kept
 * for ever). Restarts read the state topics and only the events after their snapshots, so the event
 * topics need to hold only what a snapshot may not yet cover, plus time for clients and operators.
 *
 * @param topic the topic name
 * @param cleanupPolicy {@code delete} or {@code compact}
 * @param retention how long a record is kept; {@code null} for compacted topics (no time limit)
 */
public record TopicPolicy(String topic, String cleanupPolicy, Duration retention) {
    public static final String DELETE = "delete";
    public static final String COMPACT = "compact";

    public static final List<TopicPolicy> ALL = List.of(
            new TopicPolicy(Topics.EXPERIMENT_REQUESTS, DELETE, Duration.ofDays(7)),
            new TopicPolicy(Topics.EXPERIMENT_EVENTS, DELETE, Duration.ofDays(30)),
            new TopicPolicy(Topics.TRAINING_JOBS, DELETE, Duration.ofDays(30)),
            new TopicPolicy(Topics.JOB_EVENTS, DELETE, Duration.ofDays(7)),
            new TopicPolicy(Topics.SCORES, DELETE, Duration.ofDays(30)),
            new TopicPolicy(Topics.DEAD_LETTERS, DELETE, Duration.ofDays(14)),
            new TopicPolicy(Topics.COORDINATOR_STATE, COMPACT, null),
            new TopicPolicy(Topics.ANALYTICS_STATE, COMPACT, null));

    public TopicPolicy {
        if (!DELETE.equals(cleanupPolicy) && !COMPACT.equals(cleanupPolicy)) {
            throw new IllegalArgumentException("cleanup policy must be delete or compact: " + cleanupPolicy);
        }
        if (DELETE.equals(cleanupPolicy) == (retention == null)) {
            throw new IllegalArgumentException("a deleting topic needs a retention, a compacted one none");
        }
    }

    public static TopicPolicy of(String topic) {
        return ALL.stream()
                .filter(p -> p.topic.equals(topic))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no policy for topic " + topic));
    }

    /** {@code retention.ms} as Kafka takes it ({@code -1}: no time limit). */
    public String retentionMs() {
        return retention == null ? "-1" : Long.toString(retention.toMillis());
    }

    /**
     * The topic-level configs to create the topic with. Compacted topics roll segments hourly and
     * clean early so that superseded snapshots do not pile up.
     */
    public Map<String, String> configs() {
        if (COMPACT.equals(cleanupPolicy)) {
            return Map.of(
                    "cleanup.policy",
                    COMPACT,
                    "retention.ms",
                    retentionMs(),
                    "segment.ms",
                    "3600000",
                    "min.cleanable.dirty.ratio",
                    "0.1",
                    "delete.retention.ms",
                    "86400000");
        }
        return Map.of("cleanup.policy", DELETE, "retention.ms", retentionMs());
    }
}

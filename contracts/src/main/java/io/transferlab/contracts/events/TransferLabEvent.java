package io.transferlab.contracts.events;

import java.time.Instant;

/**
 * Every event TransferLab publishes: an id (the CloudEvents id), the time it happened, the schema
 * version of its body, and the experiment it belongs to. Events are records named as past-tense facts.
 */
public sealed interface TransferLabEvent permits ExperimentEvent, JobEvent, DeadLettered {
    int SCHEMA_VERSION = 1;

    String eventId();

    Instant occurredAt();

    int schemaVersion();

    /** The Kafka key: events of one experiment (or one job) stay in order on one partition. */
    String key();
}

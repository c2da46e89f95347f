package io.transferlab.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** Small helpers the event constructors share. */
final class Events {
    private Events() {}

    static String idOrNew(String eventId) {
        return eventId == null || eventId.isBlank() ? UUID.randomUUID().toString() : eventId;
    }

    static Instant timeOrNow(Instant occurredAt) {
        return occurredAt == null ? Instant.now() : occurredAt;
    }

    static int version(int schemaVersion) {
        if (schemaVersion == 0) {
            return TransferLabEvent.SCHEMA_VERSION;
        }
        if (schemaVersion < 0) {
            throw new IllegalArgumentException("schemaVersion must be positive");
        }
        return schemaVersion;
    }

    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    static <T> T required(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    static int attempt(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1, got " + attempt);
        }
        return attempt;
    }

    static double fraction(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
        return value;
    }
}

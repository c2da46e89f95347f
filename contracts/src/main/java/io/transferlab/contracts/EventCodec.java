package io.transferlab.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.transferlab.contracts.events.TransferLabEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON mapping of every event (the CloudEvents envelope around it is written by the CloudEvents SDK, in
 * kafka-support's {@code EventRecords}).
 * Consumers ignore unknown fields (additive changes within a schema version never break them).
 */
public final class EventCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventCodec() {}

    /** The shared mapper; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toJson(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static String toJsonString(Object value) {
        return new String(toJson(value), StandardCharsets.UTF_8);
    }

    /**
     * Reads an event body. Throws {@link MalformedEventException} with a readable reason when the bytes
     * are not JSON, do not match the type, or break the event's own invariants.
     */
    public static <T> T fromJson(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new MalformedEventException(describe(e), e);
        }
    }

    public static <T> T fromJson(String json, Class<T> type) {
        return fromJson(json.getBytes(StandardCharsets.UTF_8), type);
    }

    /** Reads the body of a message whose {@code ce_type} header names a known event type. */
    public static TransferLabEvent fromCloudEvent(String ceType, byte[] body) {
        EventTypes.EventType type = EventTypes.byCeType(ceType)
                .orElseThrow(() -> new MalformedEventException("unknown CloudEvents type '" + ceType + "'", null));
        return fromJson(body, type.javaType());
    }

    private static String describe(IOException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof IllegalArgumentException) {
            return root.getMessage();
        }
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe) {
            return jpe.getOriginalMessage();
        }
        return String.valueOf(e.getMessage());
    }

    /** The body could not be read as the event it claims to be. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

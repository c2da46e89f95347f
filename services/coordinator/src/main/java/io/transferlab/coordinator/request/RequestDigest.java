package io.transferlab.coordinator.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.events.ExperimentRequested;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/**
 * SHA-256 of a request's canonical JSON: defaults filled, keys sorted, envelope fields (event id,
 * time, schema version) left out. Two deliveries of one request agree; a different request under the
 * same experiment id does not.
 */
public final class RequestDigest {
    private static final List<String> ENVELOPE = List.of("eventId", "occurredAt", "schemaVersion");

    private RequestDigest() {}

    public static String of(ExperimentRequested request) {
        ObjectNode tree = EventCodec.mapper().valueToTree(request);
        ENVELOPE.forEach(tree::remove);
        return sha256Hex(EventCodec.toJson(sorted(tree)));
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                fields.put(name, sorted(node.get(name)));
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> out.add(sorted(element)));
            return out;
        }
        return node;
    }
}

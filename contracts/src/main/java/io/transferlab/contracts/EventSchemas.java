package io.transferlab.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.model.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Structural validation of event bodies against the JSON Schemas (draft 2020-12) in
 * {@code schemas/<EventName>.v<major>.json} on the classpath. Every schema is loaded and compiled
 * once, when this class is first used; validation is thread-safe.
 *
 * <p>Problems name the field by a dotted path from the body's root, with array indices in brackets
 * ({@code training.epochs}, {@code arms[2]}, {@code split.classesA}); {@link #ROOT} stands for the
 * body itself. A missing required property is reported at its own path ({@code dataset}). The list
 * is sorted by field and holds every problem the schema finds, not just the first. Unknown
 * properties are never a problem: consumers ignore them. A property whose value is {@code null}
 * counts as absent, as it does for the records (which fill in the default); a {@code null} inside
 * an array is still a problem.
 */
public final class EventSchemas {
    /** Base of every schema's {@code $id}; mapped onto the classpath folder {@link #RESOURCE_FOLDER}. */
    public static final String BASE_URI = "https://transferlab.io/schemas/";

    public static final String RESOURCE_FOLDER = "schemas/";
    /** The field name of problems that concern the whole body (not JSON, not an object, ...). */
    public static final String ROOT = "$";

    private static final Map<Class<? extends TransferLabEvent>, JsonSchema> SCHEMAS = load();

    private EventSchemas() {}

    /** The schema's file name, for example {@code ExperimentRequested.v1.json}. */
    public static String fileName(Class<? extends TransferLabEvent> type) {
        EventTypes.of(type);
        return type.getSimpleName() + ".v" + TransferLabEvent.SCHEMA_VERSION + ".json";
    }

    /** The classpath resource of the schema, for example {@code schemas/ExperimentRequested.v1.json}. */
    public static String resource(Class<? extends TransferLabEvent> type) {
        return RESOURCE_FOLDER + fileName(type);
    }

    /** The schema's {@code $id}, for example {@code https://transferlab.io/schemas/ExperimentRequested.v1.json}. */
    public static String schemaId(Class<? extends TransferLabEvent> type) {
        return BASE_URI + fileName(type);
    }

    /** Validates a parsed body; an empty list means the body is structurally valid. */
    public static List<Problem> validate(Class<? extends TransferLabEvent> type, JsonNode body) {
        JsonSchema schema = SCHEMAS.get(type);
        if (schema == null) {
            throw new IllegalArgumentException("no schema for " + type.getName());
        }
        if (body == null || body.isMissingNode()) {
            return List.of(new Problem(ROOT, "the body is empty"));
        }
        Set<Problem> problems = new LinkedHashSet<>();
        for (ValidationMessage message : schema.validate(withoutNullProperties(body))) {
            problems.add(toProblem(message));
        }
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparing(Problem::field).thenComparing(Problem::problem));
        return List.copyOf(sorted);
    }

    /** Parses and validates raw bytes; bytes that are not JSON give one problem at {@link #ROOT}. */
    public static List<Problem> validate(Class<? extends TransferLabEvent> type, byte[] body) {
        if (body == null || body.length == 0) {
            return List.of(new Problem(ROOT, "the body is empty"));
        }
        JsonNode node;
        try {
            node = EventCodec.mapper().readTree(body);
        } catch (IOException e) {
            String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                    ? jpe.getOriginalMessage()
                    : e.getMessage();
            return List.of(new Problem(ROOT, "not valid JSON: " + reason));
        }
        return validate(type, node);
    }

    /** Validates the body of a message by its {@code ce_type} header; an unknown type is one problem. */
    public static List<Problem> validate(String ceType, byte[] body) {
        return EventTypes.byCeType(ceType)
                .map(type -> validate(type.javaType(), body))
                .orElseGet(() -> List.of(new Problem(ROOT, "unknown event type '" + ceType + "'")));
    }

    /** A copy of the tree without object properties whose value is null (the input is not changed). */
    static JsonNode withoutNullProperties(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    copy.set(e.getKey(), withoutNullProperties(e.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(withoutNullProperties(item)));
            return copy;
        }
        return node;
    }

    private static Problem toProblem(ValidationMessage message) {
        String field = path(message.getInstanceLocation());
        String text = message.getError();
        if (text == null || text.isBlank()) {
            text = message.getMessage();
        }
        if ("required".equals(message.getType()) && message.getProperty() != null) {
            field = ROOT.equals(field) ? message.getProperty() : field + "." + message.getProperty();
            text = "is required";
        }
        return new Problem(field, text);
    }

    /** {@code $.training.epochs} becomes {@code training.epochs}, {@code $.arms[2]} becomes {@code arms[2]}. */
    static String path(JsonNodePath location) {
        if (location == null || location.getNameCount() == 0) {
            return ROOT;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(element);
            }
        }
        return out.toString();
    }

    private static Map<Class<? extends TransferLabEvent>, JsonSchema> load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V202012,
                builder ->
                        builder.schemaMappers(mappers -> mappers.mapPrefix(BASE_URI, "classpath:" + RESOURCE_FOLDER)));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .errorMessageKeyword("message")
                .locale(Locale.ENGLISH)
                .build();
        Map<Class<? extends TransferLabEvent>, JsonSchema> schemas = new LinkedHashMap<>();
        for (EventTypes.EventType type : EventTypes.ALL) {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(schemaId(type.javaType())), config);
            schema.initializeValidators();
            schemas.put(type.javaType(), schema);
        }
        return Map.copyOf(schemas);
    }
}

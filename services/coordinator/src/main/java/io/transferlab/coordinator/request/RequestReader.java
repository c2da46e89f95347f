package io.transferlab.coordinator.request;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.catalog.DatasetCatalog;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.model.ArchitectureSpec;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.DatasetSpec;
import io.transferlab.contracts.model.Direction;
import io.transferlab.contracts.model.Problem;
import io.transferlab.contracts.model.SplitSpec;
import io.transferlab.contracts.model.TrainingSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the JSON body of an experiment request into an accepted request (experiment id set,
 * defaults and architecture preset resolved, digest computed) or the full list of its problems:
 * structural ones (the contract's JSON Schema, then field by field binding) and semantic ones.
 */
public final class RequestReader {

    /** What a request turned out to be. */
    public sealed interface Outcome permits Valid, Invalid {
        String experimentId();
    }

    /** A request to accept: {@code request} carries every default and its experiment id. */
    public record Valid(ExperimentRequested request, String digest) implements Outcome {
        @Override
        public String experimentId() {
            return request.experimentId();
        }
    }

    /** A request to reject, with every problem found. */
    public record Invalid(String experimentId, List<Problem> problems) implements Outcome {}

    private static final ObjectMapper MAPPER = EventCodec.mapper();
    private static final Map<String, JavaType> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("eventId", type(String.class));
        FIELDS.put("occurredAt", type(Instant.class));
        FIELDS.put("schemaVersion", type(Integer.class));
        FIELDS.put("experimentId", type(String.class));
        FIELDS.put("dataset", type(DatasetSpec.class));
        FIELDS.put("split", type(SplitSpec.class));
        FIELDS.put("architecture", type(ArchitectureSpec.class));
        FIELDS.put("arms", MAPPER.getTypeFactory().constructType(new TypeReference<List<Arm>>() {}));
        FIELDS.put("layerCuts", MAPPER.getTypeFactory().constructType(new TypeReference<List<Integer>>() {}));
        FIELDS.put("directions", type(Direction.class));
        FIELDS.put("seeds", MAPPER.getTypeFactory().constructType(new TypeReference<List<Long>>() {}));
        FIELDS.put("training", type(TrainingSettings.class));
        FIELDS.put("computeCka", type(Boolean.class));
        FIELDS.put("priority", type(Integer.class));
        FIELDS.put("tags", MAPPER.getTypeFactory().constructType(new TypeReference<Map<String, String>>() {}));
    }

    private final RequestValidator validator;
    private final Function<JsonNode, List<Problem>> schemaCheck;

    /**
     * @param schemaCheck the contract's structural check of a request body (may find nothing)
     */
    public RequestReader(RequestValidator validator, Function<JsonNode, List<Problem>> schemaCheck) {
        this.validator = validator;
        this.schemaCheck = schemaCheck;
    }

    /**
     * @param requestEventId the request's CloudEvents id; it becomes the request's event id and, when
     *        the body names no experiment, the seed of its derived id
     */
    public Outcome read(JsonNode body, String requestEventId) {
        String fallbackId = ExperimentIds.derive(requestEventId);
        if (body == null || !body.isObject()) {
            return new Invalid(fallbackId, List.of(new Problem("$", "a request is a JSON object")));
        }
        JsonNode idNode = body.get("experimentId");
        String experimentId =
                idNode != null && idNode.isTextual() && !idNode.asText().isBlank() ? idNode.asText() : fallbackId;

        // Structural problems first; semantic ones are added for every field the schema found sound,
        // so one answer lists everything wrong with the request.
        List<Problem> problems = new ArrayList<>(schemaCheck.apply(body));
        List<Problem> binding = bindFieldByField(body);
        ExperimentRequested parsed = null;
        if (binding.isEmpty()) {
            try {
                parsed = MAPPER.treeToValue(body, ExperimentRequested.class);
            } catch (Exception e) {
                binding = List.of(problemOf("", e));
            }
        }
        addUnreported(problems, binding);
        if (parsed != null) {
            addUnreported(problems, validator.validate(parsed));
        }
        if (!problems.isEmpty() || parsed == null) {
            return new Invalid(
                    experimentId,
                    problems.isEmpty() ? List.of(new Problem("$", "cannot be read as a request")) : problems);
        }
        ExperimentRequested resolved = resolve(parsed, experimentId, requestEventId);
        return new Valid(resolved, RequestDigest.of(resolved));
    }

    /** Adds the problems whose field (or an enclosing one) has none yet. */
    private static void addUnreported(List<Problem> problems, List<Problem> more) {
        List<Problem> known = List.copyOf(problems);
        for (Problem p : more) {
            boolean reported = known.stream()
                    .anyMatch(k -> k.field().equals(p.field())
                            || p.field().startsWith(k.field() + ".")
                            || p.field().startsWith(k.field() + "["));
            if (!reported) {
                problems.add(p);
            }
        }
    }

    /** The request with its id, event id and the dataset's default architecture preset filled in. */
    static ExperimentRequested resolve(ExperimentRequested r, String experimentId, String requestEventId) {
        ArchitectureSpec architecture = r.architecture().preset() != null
                ? r.architecture()
                : r.architecture()
                        .withPreset(DatasetCatalog.STANDARD
                                .defaultArchitecture(r.dataset().name())
                                .orElseThrow());
        return new ExperimentRequested(
                requestEventId,
                r.occurredAt(),
                r.schemaVersion(),
                experimentId,
                r.dataset(),
                r.split(),
                architecture,
                r.arms(),
                r.layerCuts(),
                r.directions(),
                r.seeds(),
                r.training(),
                r.computeCka(),
                r.priority(),
                r.tags());
    }

    private static List<Problem> bindFieldByField(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        JsonNode dataset = body.get("dataset");
        if (dataset == null || dataset.isNull()) {
            problems.add(new Problem("dataset", "is required"));
        }
        FIELDS.forEach((name, type) -> {
            JsonNode value = body.get(name);
            if (value == null || value.isNull()) {
                return;
            }
            if (type.getRawClass() == String.class && !value.isTextual()) {
                problems.add(new Problem(name, "must be a string"));
                return;
            }
            try {
                MAPPER.readerFor(type).readValue(value);
            } catch (Exception e) {
                problems.add(problemOf(name, e));
            }
        });
        return problems;
    }

    private static Problem problemOf(String field, Exception e) {
        String path = field;
        String message = e.getMessage();
        if (e instanceof JsonMappingException jme) {
            StringBuilder p = new StringBuilder(field);
            for (JsonMappingException.Reference ref : jme.getPath()) {
                if (ref.getFieldName() != null) {
                    p.append(p.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    p.append('[').append(ref.getIndex()).append(']');
                }
            }
            path = p.toString();
            Throwable root = jme;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            message = root instanceof IllegalArgumentException ? root.getMessage() : jme.getOriginalMessage();
        }
        if (message != null) {
            message = message.lines().findFirst().orElse(message);
        }
        return new Problem(path.isEmpty() ? "$" : path, message == null ? "cannot be read" : message);
    }

    private static JavaType type(Class<?> c) {
        return MAPPER.getTypeFactory().constructType(c);
    }
}

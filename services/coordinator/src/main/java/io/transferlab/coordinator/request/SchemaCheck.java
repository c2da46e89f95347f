package io.transferlab.coordinator.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.transferlab.contracts.EventSchemas;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.model.Problem;
import java.util.List;
import java.util.function.Function;

/** The contract's structural check of request bodies: the ExperimentRequested JSON Schema. */
public final class SchemaCheck {
    private SchemaCheck() {}

    public static Function<JsonNode, List<Problem>> request() {
        return body -> EventSchemas.validate(ExperimentRequested.class, body);
    }
}

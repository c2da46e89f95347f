package io.transferlab.coordinator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.events.ExperimentCancelled;
import io.transferlab.contracts.model.ExperimentState;
import io.transferlab.contracts.model.Problem;
import io.transferlab.coordinator.config.CoordinatorConfig;
import io.transferlab.coordinator.metrics.CoordinatorMetrics;
import io.transferlab.coordinator.ports.CoordinatorHandle;
import io.transferlab.coordinator.ports.EventSink;
import io.transferlab.coordinator.request.RequestReader;
import io.transferlab.coordinator.tracking.CoordinatorEngine;
import io.transferlab.coordinator.tracking.ExperimentSummary;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Experiments over HTTP. POST takes the same body as a Kafka request, validates it at once and
 * publishes it to the requests topic; GET shows the plan and every job; DELETE publishes a cancellation.
 */
@Path("/experiments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "experiments")
public class ExperimentResource {
    @Inject
    CoordinatorHandle runtime;

    @Inject
    EventSink publisher;

    @Inject
    CoordinatorConfig config;

    @Inject
    CoordinatorMetrics metrics;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Request an experiment",
            description = "202 with the experiment id once the request is published; 400 listing every problem; "
                    + "409 when the id is taken by a different request; 413 when the body is too large.")
    public Response request(String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > config.maxRequestBytes()) {
            return problems(
                    Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    null,
                    new Problem(
                            "$",
                            "request of " + bytes.length + " bytes exceeds the limit of " + config.maxRequestBytes()
                                    + " bytes"));
        }
        JsonNode tree;
        try {
            tree = EventCodec.mapper().readTree(bytes);
        } catch (IOException e) {
            return problems(
                    Response.Status.BAD_REQUEST,
                    null,
                    new Problem(
                            "$",
                            "body is not JSON: "
                                    + e.getMessage().lines().findFirst().orElse("")));
        }
        JsonNode eventId = tree == null ? null : tree.get("eventId");
        String requestEventId =
                eventId != null && eventId.isTextual() && !eventId.asText().isBlank()
                        ? eventId.asText()
                        : UUID.randomUUID().toString();
        RequestReader.Outcome outcome = runtime.reader().read(tree, requestEventId);
        if (outcome instanceof RequestReader.Invalid invalid) {
            metrics.rejected();
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(new RequestProblems(invalid.experimentId(), invalid.problems()))
                    .build();
        }
        RequestReader.Valid valid = (RequestReader.Valid) outcome;
        CoordinatorEngine engine = runtime.engine();
        if (engine.digestOf(valid.experimentId())
                .filter(d -> !d.equals(valid.digest()))
                .isPresent()) {
            metrics.rejected();
            return problems(
                    Response.Status.CONFLICT, valid.experimentId(), CoordinatorEngine.conflict(valid.experimentId()));
        }
        publisher.publish(valid.request());
        return Response.accepted(new RequestAccepted(valid.experimentId(), requestEventId, ExperimentState.ACCEPTED))
                .location(URI.create("/experiments/" + valid.experimentId()))
                .build();
    }

    @GET
    @Operation(summary = "List experiments with their job counts and progress")
    public List<ExperimentSummary> list() {
        return runtime.engine().experiments();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One experiment: the accepted request, the plan, every job's state, attempts and timings")
    public Response get(@PathParam("id") String id) {
        return runtime.engine()
                .experiment(id)
                .map(view -> Response.ok(view).build())
                .orElseGet(() -> notFound(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(
            summary = "Cancel an experiment",
            description = "Publishes ExperimentCancelled (trainers stop its jobs); the coordinator then cancels "
                    + "every job not yet finished. 404 for an unknown id, 409 when it already finished.")
    public Response cancel(@PathParam("id") String id, @QueryParam("reason") String reason) {
        ExperimentState state = runtime.engine().stateOf(id).orElse(null);
        if (state == null && !runtime.live()) {
            return problems(
                    Response.Status.SERVICE_UNAVAILABLE,
                    id,
                    new Problem("$", "the coordinator is rebuilding its state; retry shortly"));
        }
        if (state == null) {
            return notFound(id);
        }
        if (state != ExperimentState.RUNNING) {
            return problems(
                    Response.Status.CONFLICT,
                    id,
                    new Problem("experimentId", "experiment '" + id + "' is " + state.wireName()));
        }
        ExperimentCancelled cancelled =
                ExperimentCancelled.of(id, reason == null || reason.isBlank() ? "cancelled by user" : reason);
        publisher.publish(cancelled);
        return Response.accepted(new CancelAccepted(id, cancelled.reason())).build();
    }

    private static Response notFound(String id) {
        return problems(Response.Status.NOT_FOUND, id, new Problem("experimentId", "no experiment '" + id + "'"));
    }

    private static Response problems(Response.Status status, String id, Problem problem) {
        return Response.status(status)
                .entity(new RequestProblems(id, List.of(problem)))
                .build();
    }
}

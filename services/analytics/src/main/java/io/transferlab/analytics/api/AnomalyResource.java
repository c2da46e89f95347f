package io.transferlab.analytics.api;

import io.transferlab.analytics.ledger.Anomaly;
import io.transferlab.analytics.service.AnalyticsService;
import io.transferlab.contracts.EventCodec;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Malformed records that name no experiment (the last 1000); an experiment's own are under its path. */
@Path("/anomalies")
@Tag(name = "anomalies")
public class AnomalyResource {
    @Inject
    AnalyticsService service;

    @GET
    @Operation(summary = "Malformed records that name no experiment (the last 1000)")
    @APIResponse(
            responseCode = "200",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Anomaly.class, type = SchemaType.ARRAY)))
    @Produces(MediaType.APPLICATION_JSON)
    public Response unattributed() {
        return Response.ok(EventCodec.toJson(service.unattributedAnomalies()), MediaType.APPLICATION_JSON)
                .build();
    }
}

package io.transferlab.analytics.api;

import io.transferlab.analytics.service.AnalyticsService;
import io.transferlab.contracts.EventCodec;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Malformed records that name no experiment (the last 1000); an experiment's own are under its path. */
@Path("/anomalies")
public class AnomalyResource {
    @Inject
    AnalyticsService service;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response unattributed() {
        return Response.ok(EventCodec.toJson(service.unattributedAnomalies()), MediaType.APPLICATION_JSON).build();
    }
}

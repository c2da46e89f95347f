package io.transferlab.analytics.api;

import io.transferlab.analytics.ledger.Anomaly;
import io.transferlab.analytics.ledger.ExperimentView;
import io.transferlab.analytics.report.Report;
import io.transferlab.analytics.service.AnalyticsService;
import io.transferlab.analytics.service.ExperimentSnapshot;
import io.transferlab.contracts.EventCodec;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Scores and reports over HTTP. JSON bodies use the contracts' codec, so they read exactly like the
 * events. The report page refers to its images as {@code report/<name>.png}.
 */
@Path("/experiments")
public class ExperimentResource {
    static final String CSV = "text/csv";
    static final String PNG = "image/png";
    static final String ZIP = "application/zip";

    @Inject
    AnalyticsService service;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        List<ExperimentSummary> summaries = service.experimentIds().stream().map(service::snapshot)
                .flatMap(java.util.Optional::stream).map(ExperimentResource::summary).toList();
        return json(summaries);
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response experiment(@PathParam("id") String id) {
        return json(summary(service.require(id)));
    }

    @GET
    @Path("{id}/scores")
    @Produces(MediaType.APPLICATION_JSON)
    public Response scores(@PathParam("id") String id) {
        ExperimentSnapshot snapshot = service.require(id);
        ExperimentView view = snapshot.view();
        return json(new ScoresResponse(id, view.status(), snapshot.partial(), view.metric().wireName(), "fraction",
                snapshot.table(), snapshot.scores().unpaired(), snapshot.scores().transitionTests(), view.anomalies().size(),
                view.metricFallbacks()));
    }

    @GET
    @Path("{id}/scores.csv")
    @Produces(CSV)
    public Response scoresCsv(@PathParam("id") String id) {
        return Response.ok(ScoresCsv.of(service.require(id)), CSV + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + safe(id) + "-scores.csv\"").build();
    }

    @GET
    @Path("{id}/anomalies")
    @Produces(MediaType.APPLICATION_JSON)
    public Response anomalies(@PathParam("id") String id) {
        List<Anomaly> anomalies = service.require(id).view().anomalies();
        return json(anomalies);
    }

    @GET
    @Path("{id}/report")
    @Produces(MediaType.TEXT_HTML)
    public Response report(@PathParam("id") String id) {
        return Response.ok(service.report(id).html(), MediaType.TEXT_HTML + "; charset=utf-8").build();
    }

    @GET
    @Path("{id}/report/{image}")
    @Produces(PNG)
    public Response image(@PathParam("id") String id, @PathParam("image") String image) {
        byte[] png = service.report(id).images().get(image);
        if (png == null) {
            throw new NotFoundException("experiment " + id + " has no image " + image);
        }
        return Response.ok(png, PNG).build();
    }

    @GET
    @Path("{id}/report.zip")
    @Produces(ZIP)
    public Response reportZip(@PathParam("id") String id) {
        Report report = service.report(id);
        return Response.ok(report.zip(), ZIP)
                .header("Content-Disposition", "attachment; filename=\"" + safe(id) + "-report.zip\"").build();
    }

    static ExperimentSummary summary(ExperimentSnapshot snapshot) {
        ExperimentView view = snapshot.view();
        String dataset = view.request() == null ? null : view.request().dataset().name();
        return new ExperimentSummary(view.experimentId(), view.status(), snapshot.partial(), view.jobsDone(),
                view.jobsRemaining(), view.jobsTotal(), view.anomalies().size(), dataset, view.lastActivity());
    }

    private static Response json(Object body) {
        return Response.ok(EventCodec.toJson(body), MediaType.APPLICATION_JSON).build();
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}

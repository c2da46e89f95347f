package io.transferlab.analytics.api;

import io.transferlab.analytics.ledger.Anomaly;
import io.transferlab.analytics.ledger.LedgerView;
import io.transferlab.analytics.ledger.ScoredExperiment;
import io.transferlab.analytics.report.Report;
import io.transferlab.analytics.service.AnalyticsService;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.model.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Scores and reports over HTTP. JSON bodies use the contracts' codec, so they read exactly like the
 * events. The report page refers to its images as {@code report/<name>.png}.
 */
@Path("/experiments")
@Tag(name = "experiments")
public class ExperimentResource {
    static final String CSV = "text/csv";
    static final String PNG = "image/png";
    static final String ZIP = "application/zip";

    @Inject
    AnalyticsService service;

    @Operation(summary = "Every experiment seen, most recently active first")
    @APIResponse(
            responseCode = "200",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ScoringSummary.class, type = SchemaType.ARRAY)))
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        List<ScoringSummary> summaries = service.experimentIds().stream()
                .map(service::snapshot)
                .flatMap(java.util.Optional::stream)
                .map(ExperimentResource::summary)
                .toList();
        return json(summaries);
    }

    @Operation(summary = "Status and job counts of one experiment")
    @APIResponse(
            responseCode = "200",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ScoringSummary.class)))
    @APIResponse(
            responseCode = "404",
            description = "no event of this experiment has been seen",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Problem.class, type = SchemaType.ARRAY)))
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response experiment(@PathParam("id") String id) {
        return json(summary(service.require(id)));
    }

    @Operation(
            summary = "The score table (fractions)",
            description = "With status, accuracy metric, unpaired effects and the transition-layer tests.")
    @APIResponse(
            responseCode = "200",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ScoresResponse.class)))
    @APIResponse(
            responseCode = "404",
            description = "no event of this experiment has been seen",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Problem.class, type = SchemaType.ARRAY)))
    @GET
    @Path("{id}/scores")
    @Produces(MediaType.APPLICATION_JSON)
    public Response scores(@PathParam("id") String id) {
        ScoredExperiment snapshot = service.require(id);
        LedgerView view = snapshot.view();
        return json(new ScoresResponse(
                id,
                view.status(),
                snapshot.partial(),
                view.metric().wireName(),
                "fraction",
                snapshot.table(),
                snapshot.scores().unpaired(),
                snapshot.scores().transitionTests(),
                view.diverged(),
                view.anomalies().size(),
                view.metricFallbacks()));
    }

    @Operation(
            summary = "The scores as CSV in percent points",
            description = "Columns: section,direction,name,n,mean,low,high,count,method,unit.")
    @APIResponse(
            responseCode = "200",
            content = @Content(mediaType = CSV, schema = @Schema(implementation = String.class)))
    @APIResponse(
            responseCode = "404",
            description = "no event of this experiment has been seen",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Problem.class, type = SchemaType.ARRAY)))
    @GET
    @Path("{id}/scores.csv")
    @Produces(CSV)
    public Response scoresCsv(@PathParam("id") String id) {
        return Response.ok(ScoresCsv.of(service.require(id)), CSV + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + safe(id) + "-scores.csv\"")
                .build();
    }

    @Operation(
            summary = "Every trained network as CSV",
            description = "Columns: " + NetworksCsv.HEADER + ". Percent points; diverged networks have no accuracy.")
    @APIResponse(
            responseCode = "200",
            content = @Content(mediaType = CSV, schema = @Schema(implementation = String.class)))
    @GET
    @Path("{id}/networks.csv")
    @Produces(CSV)
    public Response networksCsv(@PathParam("id") String id) {
        return Response.ok(NetworksCsv.of(service.require(id).view()), CSV + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + safe(id) + "-networks.csv\"")
                .build();
    }

    @Operation(summary = "Events of this experiment set aside, with reasons")
    @APIResponse(
            responseCode = "200",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Anomaly.class, type = SchemaType.ARRAY)))
    @APIResponse(
            responseCode = "404",
            description = "no event of this experiment has been seen",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Problem.class, type = SchemaType.ARRAY)))
    @GET
    @Path("{id}/anomalies")
    @Produces(MediaType.APPLICATION_JSON)
    public Response anomalies(@PathParam("id") String id) {
        List<Anomaly> anomalies = service.require(id).view().anomalies();
        return json(anomalies);
    }

    @Operation(summary = "The HTML report", description = "Its images are at report/<name>.png relative to it.")
    @APIResponse(
            responseCode = "200",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(implementation = String.class)))
    @APIResponse(
            responseCode = "404",
            description = "no event of this experiment has been seen",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Problem.class, type = SchemaType.ARRAY)))
    @GET
    @Path("{id}/report")
    @Produces(MediaType.TEXT_HTML)
    public Response report(@PathParam("id") String id) {
        return Response.ok(service.report(id).html(), MediaType.TEXT_HTML + "; charset=utf-8")
                .build();
    }

    @Operation(summary = "One chart of the report (PNG)")
    @APIResponse(
            responseCode = "200",
            content = @Content(mediaType = PNG, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(
            responseCode = "404",
            description = "no event of this experiment has been seen",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Problem.class, type = SchemaType.ARRAY)))
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

    @Operation(summary = "report.html and report/*.png in one archive")
    @APIResponse(
            responseCode = "200",
            content = @Content(mediaType = ZIP, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(
            responseCode = "404",
            description = "no event of this experiment has been seen",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Problem.class, type = SchemaType.ARRAY)))
    @GET
    @Path("{id}/report.zip")
    @Produces(ZIP)
    public Response reportZip(@PathParam("id") String id) {
        Report report = service.report(id);
        return Response.ok(report.zip(), ZIP)
                .header("Content-Disposition", "attachment; filename=\"" + safe(id) + "-report.zip\"")
                .build();
    }

    static ScoringSummary summary(ScoredExperiment snapshot) {
        LedgerView view = snapshot.view();
        String dataset =
                view.request() == null ? null : view.request().dataset().name();
        return new ScoringSummary(
                view.experimentId(),
                view.status(),
                snapshot.partial(),
                view.jobsDone(),
                view.jobsRemaining(),
                view.jobsTotal(),
                view.diverged().size(),
                view.anomalies().size(),
                dataset,
                view.lastActivity());
    }

    private static Response json(Object body) {
        return Response.ok(EventCodec.toJson(body), MediaType.APPLICATION_JSON).build();
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}

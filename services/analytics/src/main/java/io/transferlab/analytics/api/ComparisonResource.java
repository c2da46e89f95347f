package io.transferlab.analytics.api;

import io.transferlab.analytics.scoring.Effect;
import io.transferlab.analytics.service.ComparisonService;
import io.transferlab.analytics.service.ComparisonService.Comparison;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.model.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashSet;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /comparisons?reference=<id>&treatment=<id>[&treatment=<id>...]&effect=<name>}: one paired
 * effect (default {@code transfer-gap}) of each treatment experiment minus the reference's, per
 * direction, pooled and per layer cut, with Welch intervals (the experiments are independent), e.g. a
 * dissimilar split against random splits.
 */
@Path("/comparisons")
@Tag(name = "comparisons")
public class ComparisonResource {
    static final int MAX_TREATMENTS = 20;

    @Inject
    ComparisonService comparisons;

    @GET
    @Operation(
            summary = "One effect of each treatment experiment minus the reference's, per direction and cut",
            description = "Welch intervals over replicates: the experiments are independent samples, e.g. a "
                    + "dissimilar split against random splits. 400 names the bad parameter; 404 an unknown experiment.")
    @APIResponse(
            responseCode = "200",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ComparisonResponse.class)))
    @APIResponse(
            responseCode = "400",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Problem.class, type = SchemaType.ARRAY)))
    @APIResponse(
            responseCode = "404",
            description = "no event of this experiment has been seen",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = Problem.class, type = SchemaType.ARRAY)))
    @Produces(MediaType.APPLICATION_JSON)
    public Response compare(
            @QueryParam("reference") String reference,
            @QueryParam("treatment") List<String> treatments,
            @QueryParam("effect") @DefaultValue("transfer-gap") String effectName) {
        if (reference == null || reference.isBlank()) {
            throw new InvalidQueryException("reference", "name the reference experiment: ?reference=<id>");
        }
        List<String> treatmentIds = treatments == null
                ? List.of()
                : List.copyOf(new LinkedHashSet<>(
                        treatments.stream().filter(t -> !t.isBlank()).toList()));
        if (treatmentIds.isEmpty()) {
            throw new InvalidQueryException("treatment", "name at least one treatment experiment: ?treatment=<id>");
        }
        if (treatmentIds.size() > MAX_TREATMENTS) {
            throw new InvalidQueryException("treatment", "at most " + MAX_TREATMENTS + " treatment experiments");
        }
        if (treatmentIds.contains(reference)) {
            throw new InvalidQueryException("treatment", "the reference experiment cannot also be a treatment");
        }
        Effect effect;
        try {
            effect = Effect.fromWire(effectName);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("effect", e.getMessage());
        }
        Comparison comparison = comparisons.compare(effect, reference, treatmentIds);
        return Response.ok(EventCodec.toJson(ComparisonResponse.of(comparison)), MediaType.APPLICATION_JSON)
                .build();
    }
}

package io.transferlab.analytics.api;

import io.transferlab.analytics.service.UnknownExperimentException;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.model.Problem;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** An experiment nobody has heard of is a 404 with the reason. */
@Provider
public class UnknownExperimentMapper implements ExceptionMapper<UnknownExperimentException> {
    @Override
    public Response toResponse(UnknownExperimentException e) {
        return Response.status(Response.Status.NOT_FOUND)
                .type(MediaType.APPLICATION_JSON)
                .entity(EventCodec.toJson(List.of(new Problem("experimentId", e.getMessage()))))
                .build();
    }
}

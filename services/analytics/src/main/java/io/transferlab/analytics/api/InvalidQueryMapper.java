package io.transferlab.analytics.api;

import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.model.Problem;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** A query the service cannot answer is a 400 naming the parameter and the reason. */
@Provider
public class InvalidQueryMapper implements ExceptionMapper<InvalidQueryException> {
    @Override
    public Response toResponse(InvalidQueryException e) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON)
                .entity(EventCodec.toJson(List.of(new Problem(e.field(), e.getMessage()))))
                .build();
    }
}

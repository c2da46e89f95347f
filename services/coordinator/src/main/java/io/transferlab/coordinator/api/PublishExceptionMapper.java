package io.transferlab.coordinator.api;

import io.transferlab.contracts.model.Problem;
import io.transferlab.kafka.PublishException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.jboss.logging.Logger;

/** Kafka did not take a request or a cancellation: 503, so the client retries later. */
@Provider
public class PublishExceptionMapper implements ExceptionMapper<PublishException> {
    private static final Logger LOG = Logger.getLogger(PublishExceptionMapper.class);

    @Override
    public Response toResponse(PublishException e) {
        LOG.error("could not publish to Kafka", e);
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON)
                .entity(new RequestProblems(null, List.of(new Problem("$", "Kafka is unavailable; retry later"))))
                .build();
    }
}

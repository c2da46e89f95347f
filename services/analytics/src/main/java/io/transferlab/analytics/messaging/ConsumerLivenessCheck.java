package io.transferlab.analytics.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the event consumer's thread runs and polls; a dead or hung loop gets the process restarted. */
@Liveness
@ApplicationScoped
public class ConsumerLivenessCheck implements HealthCheck {
    @Inject
    EventConsumer consumer;

    @Override
    public HealthCheckResponse call() {
        String problem = consumer.loopProblem();
        var response = HealthCheckResponse.named("analytics-consumer-loop").status(problem == null);
        return problem == null
                ? response.build()
                : response.withData("problem", problem).build();
    }
}

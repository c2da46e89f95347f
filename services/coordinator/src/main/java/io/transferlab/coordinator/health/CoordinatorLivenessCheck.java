package io.transferlab.coordinator.health;

import io.transferlab.coordinator.ports.CoordinatorHandle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the coordinator's loop thread runs and polls; a dead or hung loop gets the process restarted. */
@Liveness
@ApplicationScoped
public class CoordinatorLivenessCheck implements HealthCheck {
    @Inject
    CoordinatorHandle runtime;

    @Override
    public HealthCheckResponse call() {
        String problem = runtime.loopProblem();
        var response = HealthCheckResponse.named("coordinator-loop").status(problem == null);
        return problem == null
                ? response.build()
                : response.withData("problem", problem).build();
    }
}

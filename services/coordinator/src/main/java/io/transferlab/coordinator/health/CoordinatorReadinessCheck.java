package io.transferlab.coordinator.health;

import io.transferlab.coordinator.ports.CoordinatorHandle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the state is rebuilt from Kafka and live input is being processed. */
@Readiness
@ApplicationScoped
public class CoordinatorReadinessCheck implements HealthCheck {
    @Inject
    CoordinatorHandle runtime;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("coordinator-state")
                .status(runtime.live())
                .build();
    }
}

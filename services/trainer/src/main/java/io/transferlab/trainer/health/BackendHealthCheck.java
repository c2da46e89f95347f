package io.transferlab.trainer.health;

import io.transferlab.trainer.TrainerLifecycle;
import io.transferlab.trainer.training.BackendInfo;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once ND4J has loaded its backend and the trainer consumes jobs and cancellations. */
@Readiness
@ApplicationScoped
public class BackendHealthCheck implements HealthCheck {
    private final TrainerLifecycle lifecycle;

    public BackendHealthCheck(TrainerLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        BackendInfo backend = lifecycle.node().backend();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("nd4j-backend");
        if (backend == null) {
            return response.down().withData("state", "loading").build();
        }
        boolean consuming = lifecycle.node().isConsuming();
        return response.status(consuming)
                .withData("backend", backend.backend())
                .withData("device", backend.device())
                .withData("consuming", consuming)
                .build();
    }
}

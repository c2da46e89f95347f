package io.transferlab.trainer.health;

import io.transferlab.trainer.TrainerLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the object store answers (one call, no retries). */
@Readiness
@ApplicationScoped
public class ObjectStoreHealthCheck implements HealthCheck {
    private final TrainerLifecycle lifecycle;

    public ObjectStoreHealthCheck(TrainerLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("object-store")
                .withData("bucket", lifecycle.node().objectStore().bucket());
        try {
            lifecycle.node().objectStore().ping();
            return response.up().build();
        } catch (Exception e) {
            return response.down().withData("error", e.toString()).build();
        }
    }
}

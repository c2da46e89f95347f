package io.transferlab.trainer.health;

import io.transferlab.trainer.TrainerLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the job consumer thread polls; training runs on other threads, so a 30-minute job
 * never makes the trainer look dead.
 */
@Liveness
@ApplicationScoped
public class TrainerLivenessCheck implements HealthCheck {
    private final TrainerLifecycle lifecycle;

    public TrainerLivenessCheck(TrainerLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("job-consumer").status(lifecycle.node().isAlive())
                .withData("activeJobs", lifecycle.node().metrics().activeJobs())
                .build();
    }
}

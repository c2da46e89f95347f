package io.transferlab.trainer.health;

import io.transferlab.trainer.TrainerLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the trainer starts or has started, the job and cancellation consumer threads poll and no job is
 * stuck (no progress for the stall timeout); training runs on other threads, so a 30-minute job that progresses never makes the
 * trainer look dead.
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
        String problem = lifecycle.livenessProblem();
        var response = HealthCheckResponse.named("job-consumer")
                .status(problem == null)
                .withData("activeJobs", lifecycle.node().metrics().activeJobs());
        return problem == null
                ? response.build()
                : response.withData("problem", problem).build();
    }
}

package io.transferlab.analytics.messaging;

import io.transferlab.analytics.config.AnalyticsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the topics have been replayed: before that, scores would be missing results. */
@Readiness
@ApplicationScoped
public class ConsumerHealthCheck implements HealthCheck {
    @Inject
    EventConsumer consumer;

    @Inject
    AnalyticsConfig config;

    @Override
    public HealthCheckResponse call() {
        boolean enabled = config.consumer().enabled();
        return HealthCheckResponse.named("analytics-consumer")
                .status(!enabled || (consumer.running() && consumer.caughtUp()))
                .withData("enabled", enabled)
                .withData("running", consumer.running())
                .withData("caughtUp", consumer.caughtUp())
                .build();
    }
}

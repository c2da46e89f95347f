package io.transferlab.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transferlab.contracts.events.JobCompleted;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The infrastructure goes away in the middle of an experiment and comes back on the same port with
 * the same data: the Kafka broker stopped for 2 minutes, the object store (S3Proxy) stopped for 10
 * minutes. The services wait it out: every experiment completes, no service is restarted, by hand or
 * by the supervisor, and all three processes stay up throughout.
 */
class InfrastructureOutageFaultIT {

    private static final Duration BROKER_OUTAGE = Duration.ofMinutes(2);
    private static final Duration OBJECT_STORE_OUTAGE = Duration.ofMinutes(10);

    private static FaultStack stack;

    @BeforeAll
    static void start() {
        stack = FaultStack.start("outage", Map.of());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aBrokerStoppedForTwoMinutesMidExperimentIsWaitedOut() {
        Instant started = Instant.now();
        TinyExperiment experiment = TinyExperiment.named("broker-outage", List.of(1, 3, 5, 7), 2, 100);
        stack.publish(experiment.request());
        awaitFirstResult(experiment);

        stack.stopBroker();
        holdWhileAllServicesRun(BROKER_OUTAGE);
        stack.startBroker();

        assertThat(stack.awaitFinished(experiment.experimentId(), FaultStack.EXPERIMENT_DEADLINE))
                .isEqualTo("completed");
        ExperimentAudit audit = ExperimentAudit.of(stack, experiment.experimentId());
        audit.assertClean(experiment);
        stack.assertNoRestarts();
        FaultFigures.record(
                "e. Kafka broker stopped 2 minutes mid-experiment, started again on the same port and" + " log dir",
                List.of(audit),
                stack.restarts(),
                Duration.between(started, Instant.now()));
    }

    @Test
    void anObjectStoreStoppedForTenMinutesMidExperimentIsWaitedOut() {
        Instant started = Instant.now();
        TinyExperiment experiment = TinyExperiment.named("store-outage", List.of(1, 7), 1, 50);
        stack.publish(experiment.request());
        awaitFirstResult(experiment);

        stack.stopObjectStore();
        holdWhileAllServicesRun(OBJECT_STORE_OUTAGE);
        stack.startObjectStore();

        assertThat(stack.awaitFinished(experiment.experimentId(), FaultStack.EXPERIMENT_DEADLINE))
                .isEqualTo("completed");
        ExperimentAudit audit = ExperimentAudit.of(stack, experiment.experimentId());
        audit.assertClean(experiment);
        stack.assertNoRestarts();
        FaultFigures.record(
                "f. object store (S3Proxy) stopped 10 minutes mid-experiment, started again on the same"
                        + " port and data",
                List.of(audit),
                stack.restarts(),
                Duration.between(started, Instant.now()));
    }

    /** The fault starts once the experiment is under way: one job done, the others still to come. */
    private static void awaitFirstResult(TinyExperiment experiment) {
        await("a first result of " + experiment.experimentId())
                .atMost(FaultStack.EXPERIMENT_DEADLINE)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> TopicLedger.read(stack.bootstrap()).events(JobCompleted.class).stream()
                        .anyMatch(c -> c.experimentId().equals(experiment.experimentId())));
        assertThat(stack.finished(experiment.experimentId()))
                .as("finished before the fault")
                .isFalse();
    }

    /** The outage lasts its full, fixed time, and not one service process dies or is restarted meanwhile. */
    private static void holdWhileAllServicesRun(Duration outage) {
        await("the outage of " + outage)
                .during(outage)
                .atMost(outage.plusMinutes(1))
                .pollInterval(Duration.ofSeconds(1))
                .until(() ->
                        stack.allAlive() && stack.restarts().values().stream().allMatch(r -> r == 0));
    }
}

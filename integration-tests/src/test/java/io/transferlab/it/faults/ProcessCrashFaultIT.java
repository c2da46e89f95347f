package io.transferlab.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crashes (SIGKILL) of the packaged services in the middle of an experiment, restarted by the launcher's
 * supervisor as Kubernetes would: the trainer five times, the coordinator once. Default timeouts: a
 * killed trainer's job comes back by Kafka redelivery, not by a spent attempt.
 */
class ProcessCrashFaultIT {

    private static final int TRAINER_KILLS = 5;

    private static FaultStack stack;

    @BeforeAll
    static void start() {
        stack = FaultStack.start("crash", Map.of());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aTrainerKilledFiveTimesDuringOneExperimentLeavesItCompleteWithNothingDuplicated() {
        Instant started = Instant.now();
        int restartsBefore = stack.restarts("trainer");
        TinyExperiment experiment = TinyExperiment.named("trainer-kill", List.of(1, 3, 5, 7), 2, 100);
        stack.publish(experiment.request());
        Set<String> killedJobs = new HashSet<>();
        for (int kill = 1; kill <= TRAINER_KILLS; kill++) {
            // Each kill hits a running job (started, not completed) that no kill hit before: with one job at a time
            // per trainer, one the restarted process took, so the experiment is mid-way at every kill.
            String[] running = {null};
            await("a job running for kill #" + kill)
                    .atMost(FaultStack.EXPERIMENT_DEADLINE)
                    .pollInterval(Duration.ofMillis(500))
                    .failFast(
                            "the experiment finished before kill #" + kill,
                            () -> stack.finished(experiment.experimentId()))
                    .until(() -> {
                        TopicLedger ledger = TopicLedger.read(stack.bootstrap());
                        running[0] = ledger.events(JobStarted.class).stream()
                                .filter(s -> s.experimentId().equals(experiment.experimentId()))
                                .map(JobStarted::jobId)
                                .filter(id -> !killedJobs.contains(id))
                                .filter(id ->
                                        ledger.jobEvents(JobCompleted.class, id).isEmpty())
                                .findFirst()
                                .orElse(null);
                        return running[0] != null;
                    });
            stack.kill("trainer");
            killedJobs.add(running[0]);
            System.out.println("[crash] kill #" + kill + " of the trainer while it ran " + running[0]);
            stack.awaitRestartedAndReady("trainer", restartsBefore + kill);
        }

        assertThat(stack.awaitFinished(experiment.experimentId(), FaultStack.EXPERIMENT_DEADLINE))
                .isEqualTo("completed");
        ExperimentAudit audit = ExperimentAudit.of(stack, experiment.experimentId());
        audit.assertClean(experiment);
        assertThat(killedJobs).hasSize(TRAINER_KILLS);
        assertThat(stack.restarts("trainer") - restartsBefore)
                .as("trainer restarts")
                .isEqualTo(TRAINER_KILLS);
        assertThat(stack.restarts("coordinator")).isZero();
        assertThat(stack.restarts("analytics")).isZero();
        FaultFigures.record(
                "c. trainer SIGKILL x5 during one experiment, restarted by the supervisor each time",
                List.of(audit),
                stack.restarts(),
                Duration.between(started, Instant.now()));
    }

    @Test
    void aCoordinatorKilledMidExperimentIsRestartedAndDispatchesNoJobTwice() {
        Instant started = Instant.now();
        int restartsBefore = stack.restarts("coordinator");
        TinyExperiment experiment = TinyExperiment.named("coordinator-kill", List.of(1, 3, 5, 7), 1, 50);
        stack.publish(experiment.request());
        await("a first job completed")
                .atMost(FaultStack.EXPERIMENT_DEADLINE)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> TopicLedger.read(stack.bootstrap()).events(JobCompleted.class).stream()
                        .anyMatch(c -> c.experimentId().equals(experiment.experimentId())));
        assertThat(stack.finished(experiment.experimentId()))
                .as("finished before the kill")
                .isFalse();

        stack.kill("coordinator");
        stack.awaitRestartedAndReady("coordinator", restartsBefore + 1);

        assertThat(stack.awaitFinished(experiment.experimentId(), FaultStack.EXPERIMENT_DEADLINE))
                .isEqualTo("completed");
        ExperimentAudit audit = ExperimentAudit.of(stack, experiment.experimentId());
        audit.assertClean(experiment);
        assertThat(audit.dispatchedTwice())
                .as("(job, attempt) pairs dispatched twice: " + audit.summary())
                .isZero();
        assertThat(stack.restarts("coordinator") - restartsBefore).isEqualTo(1);
        FaultFigures.record(
                "g. coordinator SIGKILL mid-experiment, restarted by the supervisor",
                List.of(audit),
                stack.restarts(),
                Duration.between(started, Instant.now()));
    }
}

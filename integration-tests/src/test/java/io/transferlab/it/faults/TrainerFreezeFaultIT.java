package io.transferlab.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.CheckpointSaved;
import io.transferlab.contracts.events.EpochCompleted;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobEvent;
import io.transferlab.contracts.events.JobStarted;
import io.transferlab.contracts.events.TrainingJobRequested;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trainer frozen (SIGSTOP) in the middle of a job for longer than the coordinator's heartbeat
 * timeout, then thawed (SIGCONT): the coordinator re-dispatches the silent job with the next attempt,
 * the thawed process's old run, released by the rebalance, publishes nothing stale, and the experiment
 * completes. Short timeouts through the services' environment.
 */
class TrainerFreezeFaultIT {

    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(15);

    private static FaultStack stack;

    @BeforeAll
    static void start() {
        stack = FaultStack.start(
                "freeze",
                Map.of(
                        "TRANSFERLAB_COORDINATOR_HEARTBEAT_TIMEOUT",
                        HEARTBEAT_TIMEOUT.toSeconds() + "s",
                        "TRANSFERLAB_TRAINER_HEARTBEAT_INTERVAL",
                        "2s"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aTrainerFrozenPastTheHeartbeatTimeoutHasItsJobDispatchedAgainAndItsOldRunPublishesNothing() {
        Instant started = Instant.now();
        TinyExperiment experiment = TinyExperiment.named("trainer-freeze", List.of(1, 7), 2, 200);
        stack.publish(experiment.request());
        String[] running = {null};
        await("a job running")
                .atMost(FaultStack.EXPERIMENT_DEADLINE)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    TopicLedger ledger = TopicLedger.read(stack.bootstrap());
                    running[0] = ledger.events(JobStarted.class).stream()
                            .filter(s -> s.experimentId().equals(experiment.experimentId()))
                            .map(JobStarted::jobId)
                            .filter(id ->
                                    ledger.jobEvents(JobCompleted.class, id).isEmpty())
                            .findFirst()
                            .orElse(null);
                    return running[0] != null;
                });
        String jobId = running[0];

        stack.freeze("trainer");
        Instant frozenAt = Instant.now();
        await("the silent job dispatched again")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> TopicLedger.read(stack.bootstrap()).jobEvents(TrainingJobRequested.class, jobId).stream()
                        .anyMatch(r -> r.attempt() > 1));
        // Still frozen: everything of the job on job-events up to here came before the freeze.
        long beforeThaw = lastOffset(TopicLedger.read(stack.bootstrap()), jobId);
        Duration frozenFor = Duration.between(frozenAt, Instant.now());
        stack.thaw("trainer");
        System.out.println(
                "[freeze] " + jobId + " dispatched again after the trainer was frozen " + frozenFor.toSeconds() + " s");

        assertThat(stack.awaitFinished(experiment.experimentId(), FaultStack.EXPERIMENT_DEADLINE))
                .isEqualTo("completed");
        ExperimentAudit audit = ExperimentAudit.of(stack, experiment.experimentId());
        audit.assertClean(experiment);
        assertThat(staleOutput(TopicLedger.read(stack.bootstrap()), jobId, beforeThaw))
                .as("what the thawed attempt-1 run of " + jobId + " published after the thaw")
                .isEmpty();
        stack.assertNoRestarts();
        FaultFigures.record(
                "d. trainer SIGSTOP past the heartbeat timeout (" + HEARTBEAT_TIMEOUT.toSeconds() + " s; frozen "
                        + frozenFor.toSeconds() + " s), then SIGCONT",
                List.of(audit),
                stack.restarts(),
                Duration.between(started, Instant.now()));
    }

    private static long lastOffset(TopicLedger ledger, String jobId) {
        return ledger.entries(JobEvent.class).stream()
                .filter(e -> e.record().topic().equals(Topics.JOB_EVENTS)
                        && ((JobEvent) e.event()).jobId().equals(jobId))
                .mapToLong(e -> e.record().offset())
                .max()
                .orElse(-1);
    }

    /**
     * Checkpoints, epochs and results of attempt 1 published after the thaw that no new run of attempt 1 (a
     * {@code JobStarted} after the thaw, e.g. from Kafka redelivering the uncommitted record) announced: the
     * frozen run's. A job's events share its key, so their offsets on job-events are their order.
     */
    private static List<JobEvent> staleOutput(TopicLedger ledger, String jobId, long beforeThaw) {
        List<TopicLedger.Entry> after = ledger.entries(JobEvent.class).stream()
                .filter(e -> e.record().topic().equals(Topics.JOB_EVENTS)
                        && e.record().offset() > beforeThaw)
                .filter(e -> ((JobEvent) e.event()).jobId().equals(jobId) && ((JobEvent) e.event()).attempt() == 1)
                .sorted(java.util.Comparator.comparingLong(e -> e.record().offset()))
                .toList();
        List<JobEvent> stale = new java.util.ArrayList<>();
        boolean newRun = false;
        for (TopicLedger.Entry entry : after) {
            JobEvent event = (JobEvent) entry.event();
            newRun |= event instanceof JobStarted;
            if (!newRun
                    && (event instanceof CheckpointSaved
                            || event instanceof EpochCompleted
                            || event instanceof JobCompleted)) {
                stale.add(event);
            }
        }
        return stale;
    }
}

package io.transferlab.coordinator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.transferlab.contracts.model.ExperimentState;
import io.transferlab.contracts.model.JobState;
import io.transferlab.coordinator.tracking.EngineListener;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The coordinator's meters (docs/DESIGN.md): experiments and jobs by state (gauges over the last
 * published snapshot), dispatch latency (dispatch to a trainer's JobStarted; a percentile histogram, so
 * that any quantile can be computed across scrapes), retries, rejections
 * and dead letters.
 */
@ApplicationScoped
public class CoordinatorMetrics implements EngineListener {
    @Inject
    MeterRegistry registry;

    /** The states the coordinator puts experiments and jobs in (the others are analytics' words). */
    private static final Set<ExperimentState> EXPERIMENT_STATES =
            EnumSet.complementOf(EnumSet.of(ExperimentState.ACCEPTED, ExperimentState.UNKNOWN));

    private static final Set<JobState> JOB_STATES = EnumSet.complementOf(EnumSet.of(JobState.DIVERGED));

    private final Map<ExperimentState, Integer> experiments = new EnumMap<>(ExperimentState.class);
    private final Map<JobState, Integer> jobs = new EnumMap<>(JobState.class);
    private Counter retries;
    private Counter rejections;
    private Counter deadLetters;
    private Counter replaySkipped;
    private Counter fenced;
    private Timer dispatchLatency;

    @PostConstruct
    void register() {
        for (ExperimentState s : EXPERIMENT_STATES) {
            experiments.put(s, 0);
            Gauge.builder("coordinator.experiments", this, m -> m.experimentCount(s))
                    .description("Experiments by state (rejected: recent rejected requests)")
                    .tag("state", s.wireName())
                    .register(registry);
        }
        for (JobState s : JOB_STATES) {
            jobs.put(s, 0);
            Gauge.builder("coordinator.jobs", this, m -> m.jobCount(s))
                    .description("Jobs of tracked experiments by state")
                    .tag("state", s.wireName())
                    .register(registry);
        }
        retries = Counter.builder("coordinator.retries")
                .description("Jobs dispatched again after a retryable failure or a lost heartbeat")
                .register(registry);
        rejections = Counter.builder("coordinator.rejections")
                .description("Requests rejected (Kafka and REST)")
                .register(registry);
        deadLetters = Counter.builder("coordinator.dead.letters")
                .description("Records sent to the dead-letter topic")
                .register(registry);
        replaySkipped = Counter.builder("coordinator.replay.skipped")
                .description("Events a state rebuild skipped because the state could not take them")
                .register(registry);
        fenced = Counter.builder("coordinator.fenced")
                .description("Times this coordinator found its publisher fenced by a newer leader and stopped deciding")
                .register(registry);
        dispatchLatency = Timer.builder("coordinator.dispatch.latency")
                .description("From a job's dispatch to a trainer's JobStarted")
                .publishPercentileHistogram(true)
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofHours(2))
                .register(registry);
    }

    public synchronized void snapshot(
            Map<ExperimentState, Integer> experimentCounts, Map<JobState, Integer> jobCounts) {
        experiments.putAll(experimentCounts);
        jobs.putAll(jobCounts);
    }

    synchronized double experimentCount(ExperimentState s) {
        return experiments.getOrDefault(s, 0);
    }

    synchronized double jobCount(JobState s) {
        return jobs.getOrDefault(s, 0);
    }

    public void rejected() {
        rejections.increment();
    }

    public void deadLettered() {
        deadLetters.increment();
    }

    public void replaySkipped() {
        replaySkipped.increment();
    }

    public void fenced() {
        fenced.increment();
    }

    @Override
    public void retried(String jobId, int attempt, String why) {
        retries.increment();
    }

    @Override
    public void started(Duration sinceDispatch) {
        dispatchLatency.record(sinceDispatch.isNegative() ? Duration.ZERO : sinceDispatch);
    }
}

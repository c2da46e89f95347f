package io.transferlab.trainer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.Pointer;

/** The trainer's Micrometer meters, named as DESIGN.md fixes them. */
public class TrainerMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger activeJobs = new AtomicInteger();
    private final AtomicLong imagesPerSecondMilli = new AtomicLong();
    private final Timer epochDuration;
    private final DistributionSummary checkpointBytes;
    private final Timer uploadDuration;
    /** The {@code outcome} tag values of {@code trainer.jobs}: the terminal events a job can end with. */
    public static final List<String> OUTCOMES = List.of("completed", "failed", "cancelled");

    private final Map<String, Counter> jobs = new HashMap<>();
    private final Timer jobDuration;
    private final Timer stepTime;
    private final Timer evalTime;

    public TrainerMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("trainer.jobs.active", activeJobs, AtomicInteger::get)
                .description(
                        "Jobs this trainer holds now: fetching inputs, waiting for a compute slot, training, or storing results")
                .register(registry);
        Gauge.builder("trainer.images.per.second", imagesPerSecondMilli, v -> v.get() / 1000.0)
                .description("Training throughput of the last finished epoch")
                .register(registry);
        Gauge.builder("trainer.offheap.bytes", () -> Pointer.totalBytes())
                .description("Off-heap memory held by ND4J/JavaCPP")
                .baseUnit("bytes")
                .register(registry);
        epochDuration = Timer.builder("trainer.epoch.duration")
                .description("Wall time of one epoch")
                .register(registry);
        checkpointBytes = DistributionSummary.builder("trainer.checkpoint.bytes")
                .baseUnit("bytes")
                .description("Size of checkpoints uploaded")
                .register(registry);
        uploadDuration = Timer.builder("trainer.checkpoint.upload.duration")
                .description("Time to make a checkpoint durable in the object store, retries included")
                .register(registry);
        for (String outcome : OUTCOMES) {
            jobs.put(
                    outcome,
                    Counter.builder("trainer.jobs")
                            .tag("outcome", outcome)
                            .description("Jobs that ended here with a terminal event, by outcome")
                            .register(registry));
        }
        jobDuration = Timer.builder("trainer.job.duration")
                .description("Wall time of a completed job attempt, from delivery to JobCompleted")
                .register(registry);
        stepTime = computeTimer(registry, "step", "Time a completed job spent in mini-batch training steps");
        evalTime = computeTimer(registry, "eval", "Time a completed job spent in evaluation passes");
    }

    private static Timer computeTimer(MeterRegistry registry, String phase, String description) {
        return Timer.builder("trainer.job.compute")
                .tag("phase", phase)
                .description(description)
                .register(registry);
    }

    /** {@code trainer.backend.info} = 1 with the backend (cpu, cuda) and device as tags. */
    public void backend(String backend, String device) {
        Gauge.builder("trainer.backend.info", () -> 1)
                .tag("backend", backend)
                .tag("device", device)
                .description("The ND4J backend and device this trainer runs on")
                .register(registry);
    }

    public void jobStarted() {
        activeJobs.incrementAndGet();
    }

    /** A job stopped running here; {@code outcome} is one of {@link #OUTCOMES}, or null when it published none. */
    public void jobEnded(String outcome) {
        activeJobs.decrementAndGet();
        Counter counter = outcome == null ? null : jobs.get(outcome);
        if (counter != null) {
            counter.increment();
        }
    }

    public int activeJobs() {
        return activeJobs.get();
    }

    public void epoch(double imagesPerSecond, long epochMillis) {
        imagesPerSecondMilli.set(Math.round(imagesPerSecond * 1000));
        epochDuration.record(Duration.ofMillis(epochMillis));
    }

    /** A completed job's wall time and its compute time; overhead = total - step - eval. */
    public void jobTimes(long totalMillis, long stepMillis, long evalMillis) {
        jobDuration.record(Duration.ofMillis(totalMillis));
        stepTime.record(Duration.ofMillis(stepMillis));
        evalTime.record(Duration.ofMillis(evalMillis));
    }

    public void checkpointUploaded(long bytes, Duration took) {
        checkpointBytes.record(bytes);
        uploadDuration.record(took);
    }
}

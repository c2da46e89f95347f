package io.transferlab.analytics.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.transferlab.analytics.ledger.AnomalyKind;
import io.transferlab.analytics.ledger.IngestOutcome;
import io.transferlab.analytics.ledger.ScoredExperiment;
import io.transferlab.contracts.model.ArmScore;
import io.transferlab.contracts.model.EffectScore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The analytics metrics of docs/DESIGN.md. Per-experiment gauges (accuracy by arm and n, effects, jobs
 * done and remaining) exist only for the most recently active experiments; the others' are removed, so
 * the number of series stays bounded. Values are fractions, like the wire; the generality index is a ratio.
 */
@ApplicationScoped
public class AnalyticsMetrics {
    public static final String ARM_ACCURACY = "analytics.arm.accuracy";
    public static final String EFFECT = "analytics.effect";
    public static final String JOBS_DONE = "analytics.jobs.done";
    public static final String JOBS_REMAINING = "analytics.jobs.remaining";
    public static final String JOBS_DIVERGED = "analytics.jobs.diverged";
    public static final String EVENTS_INGESTED = "analytics.events.ingested";
    public static final String CONSUMER_LAG = "analytics.consumer.lag";
    public static final String ANOMALIES = "analytics.anomalies";

    private final Map<IngestOutcome, Counter> ingested = new HashMap<>();
    private final Map<AnomalyKind, Counter> anomalies = new HashMap<>();
    private final AtomicLong lag = new AtomicLong();
    private final Map<String, Map<String, Value>> experimentGauges = new HashMap<>();

    @Inject
    MeterRegistry registry;

    @PostConstruct
    void register() {
        for (IngestOutcome outcome : IngestOutcome.values()) {
            ingested.put(
                    outcome,
                    Counter.builder(EVENTS_INGESTED)
                            .description("Events consumed, by outcome")
                            .tag("outcome", outcome.wireName())
                            .register(registry));
        }
        for (AnomalyKind kind : AnomalyKind.values()) {
            anomalies.put(
                    kind,
                    Counter.builder(ANOMALIES)
                            .description("Events set aside as contradicting the plan")
                            .tag("kind", kind.wireName())
                            .register(registry));
        }
        Gauge.builder(CONSUMER_LAG, lag, AtomicLong::get)
                .description("Records not yet consumed, all partitions")
                .strongReference(true)
                .register(registry);
    }

    public void ingested(IngestOutcome outcome) {
        ingested.get(outcome).increment();
    }

    public void anomaly(AnomalyKind kind) {
        anomalies.get(kind).increment();
    }

    public void lag(long records) {
        lag.set(records);
    }

    /** Sets the experiment's gauges to the snapshot, adding new series and removing vanished ones. */
    public synchronized void update(ScoredExperiment snapshot) {
        String experiment = snapshot.experimentId();
        Map<String, Sample> wanted = new LinkedHashMap<>();
        for (ArmScore a : snapshot.table().arms()) {
            Tags tags = Tags.of(
                    "experiment",
                    experiment,
                    "direction",
                    a.direction(),
                    "arm",
                    a.arm().wireName(),
                    "n",
                    String.valueOf(a.n()));
            wanted.put(
                    ARM_ACCURACY + tags,
                    new Sample(ARM_ACCURACY, tags, a.accuracy().mean()));
        }
        for (EffectScore e : snapshot.table().effects()) {
            Tags tags = Tags.of(
                    "experiment",
                    experiment,
                    "direction",
                    e.direction(),
                    "effect",
                    e.effect(),
                    "n",
                    String.valueOf(e.n()));
            wanted.put(EFFECT + tags, new Sample(EFFECT, tags, e.value().mean()));
        }
        Tags experimentTag = Tags.of("experiment", experiment);
        wanted.put(
                JOBS_DONE, new Sample(JOBS_DONE, experimentTag, snapshot.view().jobsDone()));
        wanted.put(
                JOBS_REMAINING,
                new Sample(JOBS_REMAINING, experimentTag, snapshot.view().jobsRemaining()));
        wanted.put(
                JOBS_DIVERGED,
                new Sample(
                        JOBS_DIVERGED, experimentTag, snapshot.view().diverged().size()));

        Map<String, Value> gauges = experimentGauges.computeIfAbsent(experiment, id -> new HashMap<>());
        for (Iterator<Map.Entry<String, Value>> it = gauges.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Value> entry = it.next();
            if (!wanted.containsKey(entry.getKey())) {
                registry.remove(entry.getValue().gauge);
                it.remove();
            }
        }
        wanted.forEach((key, sample) -> gauges.computeIfAbsent(key, k -> register(sample)).value = sample.value);
    }

    /** Keeps the gauges of these experiments only. */
    public synchronized void retain(Collection<String> experiments) {
        Set<String> keep = new HashSet<>(experiments);
        for (Iterator<Map.Entry<String, Map<String, Value>>> it =
                        experimentGauges.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<String, Map<String, Value>> entry = it.next();
            if (!keep.contains(entry.getKey())) {
                entry.getValue().values().forEach(v -> registry.remove(v.gauge));
                it.remove();
            }
        }
    }

    /** Removes every per-experiment gauge (the state is being rebuilt). */
    public synchronized void clearExperiments() {
        retain(Set.of());
    }

    public synchronized Set<String> experimentsWithGauges() {
        return Set.copyOf(experimentGauges.keySet());
    }

    private Value register(Sample sample) {
        Value value = new Value();
        value.gauge = Gauge.builder(sample.name, value, v -> v.value)
                .tags(sample.tags)
                .strongReference(true)
                .register(registry);
        return value;
    }

    private record Sample(String name, Tags tags, double value) {}

    private static final class Value {
        volatile double value;
        Gauge gauge;
    }
}

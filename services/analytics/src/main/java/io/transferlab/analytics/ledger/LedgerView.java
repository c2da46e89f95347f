package io.transferlab.analytics.ledger;

import io.transferlab.analytics.scoring.NetworkResult;
import io.transferlab.analytics.scoring.ScoreCalculator;
import io.transferlab.contracts.EventTypes;
import io.transferlab.contracts.events.ExperimentAccepted;
import io.transferlab.contracts.events.ExperimentCancelled;
import io.transferlab.contracts.events.ExperimentPlanned;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.events.JobCancelled;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobEvent;
import io.transferlab.contracts.events.JobFailed;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.CkaResult;
import io.transferlab.contracts.model.ExperimentState;
import io.transferlab.contracts.model.FilterBank;
import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.JobKind;
import io.transferlab.contracts.model.JobState;
import io.transferlab.contracts.model.PlannedJob;
import io.transferlab.contracts.model.TrainingSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the facts of one experiment amount to: the plan that holds, the one counted result of every
 * job, the state of every job, and every event set aside as an anomaly with its reason. Derived by a
 * pure function of the ledger, so duplicates and replays cannot change it.
 */
public record LedgerView(
        String experimentId,
        ExperimentRequested request,
        ExperimentPlanned plan,
        ExperimentState status,
        List<CountedResult> results,
        Map<String, JobState> jobStates,
        List<Anomaly> anomalies,
        Map<String, List<EpochPoint>> curves,
        Instant lastActivity,
        long version,
        AccuracyMetric metric,
        List<DivergedJob> diverged) {

    private static final double CKA_SLACK = 1e-6;

    public LedgerView {
        results = List.copyOf(results);
        jobStates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(jobStates));
        anomalies = List.copyOf(anomalies);
        curves = Map.copyOf(curves);
        diverged = List.copyOf(diverged);
    }

    public static LedgerView derive(ExperimentLedger ledger, AccuracyMetric metric) {
        List<Anomaly> anomalies = new ArrayList<>(ledger.ingestAnomalies());
        ExperimentRequested request = ledger.accepted().stream()
                .findFirst()
                .map(ExperimentAccepted::request)
                .orElse(null);
        ExperimentPlanned plan = effectivePlan(ledger, anomalies);
        Map<String, PlannedJob> jobs = new LinkedHashMap<>();
        if (plan != null) {
            plan.jobs().forEach(job -> jobs.put(job.jobId(), job));
        }
        ExperimentCancelled cancelled =
                ledger.cancellations().stream().findFirst().orElse(null);

        Map<String, CountedResult> counted = new LinkedHashMap<>();
        List<JobCompleted> completions = new ArrayList<>(ledger.jobCompletions());
        // Latest attempt first; within an attempt the earliest event wins, so a redelivery changes nothing.
        completions.sort(Comparator.comparingInt(JobCompleted::attempt)
                .reversed()
                .thenComparing(JobCompleted::occurredAt)
                .thenComparing(JobCompleted::eventId));
        Map<String, JobFailed> diverged = new LinkedHashMap<>();
        ledger.jobFailures().stream()
                .filter(JobFailed::diverged)
                .filter(f -> jobs.containsKey(f.jobId()))
                .forEach(f -> diverged.putIfAbsent(f.jobId(), f));
        for (JobCompleted completion : completions) {
            Optional<Anomaly> anomaly = contradiction(completion, plan, jobs, cancelled);
            if (anomaly.isEmpty() && diverged.containsKey(completion.jobId())) {
                anomaly = Optional.of(anomaly(
                        completion,
                        EventTypes.of(completion).ceType(),
                        AnomalyKind.DIVERGED_JOB,
                        "job " + completion.jobId() + " diverged (event "
                                + diverged.get(completion.jobId()).eventId()
                                + "): none of its results is ever scored"));
            }
            if (anomaly.isEmpty()) {
                anomaly = impossibleResult(completion, jobs.get(completion.jobId()), metric);
            }
            if (anomaly.isPresent()) {
                anomalies.add(anomaly.get());
            } else if (!counted.containsKey(completion.jobId())) {
                PlannedJob job = jobs.get(completion.jobId());
                Double accuracy = job.kind() == JobKind.TRAIN ? metric.pick(completion.result()) : null;
                boolean fellBack = job.kind() == JobKind.TRAIN && metric.fellBack(completion.result());
                counted.put(job.jobId(), new CountedResult(job, completion, accuracy, fellBack));
            }
        }
        for (JobEvent event : concat(ledger.jobFailures(), ledger.jobCancellations())) {
            contradiction(event, plan, jobs, null)
                    .filter(a -> a.kind() == AnomalyKind.UNKNOWN_JOB)
                    .ifPresent(anomalies::add);
        }

        ExperimentState status = status(ledger, request, plan, cancelled);
        Map<String, JobState> states = jobStates(ledger, jobs, counted, diverged.keySet(), status);
        List<CountedResult> results = jobs.keySet().stream()
                .filter(counted::containsKey)
                .map(counted::get)
                .toList();
        anomalies.sort(Comparator.comparing((Anomaly a) -> a.occurredAt() == null ? Instant.EPOCH : a.occurredAt())
                .thenComparing(Anomaly::key));
        List<DivergedJob> divergedJobs = jobs.values().stream()
                .filter(j -> diverged.containsKey(j.jobId()))
                .map(j -> divergedJob(j, diverged.get(j.jobId())))
                .toList();
        return new LedgerView(
                ledger.experimentId(),
                request,
                plan,
                status,
                results,
                states,
                anomalies,
                ledger.curves(),
                ledger.lastActivity(),
                ledger.version(),
                metric,
                divergedJobs);
    }

    private static DivergedJob divergedJob(PlannedJob job, JobFailed failure) {
        return new DivergedJob(
                job.jobId(),
                job.arm(),
                job.arm() == Arm.BASE ? 0 : job.n(),
                job.targetHalf(),
                replicateOf(job),
                failure.attempt(),
                failure.reason());
    }

    private static ExperimentPlanned effectivePlan(ExperimentLedger ledger, List<Anomaly> anomalies) {
        List<ExperimentPlanned> plans = ledger.plans();
        if (plans.isEmpty()) {
            return null;
        }
        ExperimentPlanned first = plans.get(0);
        for (ExperimentPlanned other : plans.subList(1, plans.size())) {
            if (!new HashSet<>(other.jobs()).equals(new HashSet<>(first.jobs()))) {
                anomalies.add(new Anomaly(
                        ledger.experimentId(),
                        other.eventId(),
                        EventTypes.of(other).ceType(),
                        null,
                        AnomalyKind.CONFLICTING_PLAN,
                        "a second, different plan; the first plan (event " + first.eventId() + ") stays in force",
                        other.occurredAt()));
            }
        }
        return first;
    }

    private static Optional<Anomaly> contradiction(
            JobEvent event, ExperimentPlanned plan, Map<String, PlannedJob> jobs, ExperimentCancelled cancelled) {
        String type = EventTypes.of(event).ceType();
        if (plan == null) {
            return Optional.of(anomaly(
                    event,
                    type,
                    AnomalyKind.NO_PLAN,
                    "no plan has been received for experiment " + event.experimentId()));
        }
        if (event.occurredAt().isBefore(plan.occurredAt())) {
            return Optional.of(anomaly(
                    event,
                    type,
                    AnomalyKind.BEFORE_PLAN,
                    "happened at " + event.occurredAt() + ", before the experiment was planned at "
                            + plan.occurredAt()));
        }
        if (!jobs.containsKey(event.jobId())) {
            return Optional.of(anomaly(
                    event,
                    type,
                    AnomalyKind.UNKNOWN_JOB,
                    "job " + event.jobId() + " is not in the plan of experiment " + event.experimentId()));
        }
        if (cancelled != null && event.occurredAt().isAfter(cancelled.occurredAt())) {
            return Optional.of(anomaly(
                    event,
                    type,
                    AnomalyKind.CANCELLED_EXPERIMENT,
                    "result at " + event.occurredAt() + " after the experiment was cancelled at "
                            + cancelled.occurredAt()));
        }
        return Optional.empty();
    }

    private static Optional<Anomaly> impossibleResult(JobCompleted completion, PlannedJob job, AccuracyMetric metric) {
        String type = EventTypes.of(completion).ceType();
        if (job.kind() == JobKind.CKA) {
            CkaResult cka = completion.result().cka();
            if (cka == null || cka.linear().isEmpty()) {
                return Optional.of(anomaly(
                        completion, type, AnomalyKind.IMPOSSIBLE_RESULT, "a CKA job finished without a CKA matrix"));
            }
            for (List<Double> row : cka.linear()) {
                if (row.size() != cka.linear().size()) {
                    return Optional.of(
                            anomaly(completion, type, AnomalyKind.IMPOSSIBLE_RESULT, "the CKA matrix is not square"));
                }
                for (Double value : row) {
                    if (value == null || !(value >= -CKA_SLACK && value <= 1.0 + CKA_SLACK)) {
                        return Optional.of(anomaly(
                                completion,
                                type,
                                AnomalyKind.IMPOSSIBLE_RESULT,
                                "CKA value " + value + " is outside [0, 1]"));
                    }
                }
            }
            return Optional.empty();
        }
        Double accuracy = metric.pick(completion.result());
        if (accuracy == null) {
            return Optional.of(anomaly(
                    completion,
                    type,
                    AnomalyKind.IMPOSSIBLE_RESULT,
                    "a training job finished without summaryTop1 or testTop1"));
        }
        if (!(accuracy >= 0.0 && accuracy <= 1.0)) {
            return Optional.of(anomaly(
                    completion,
                    type,
                    AnomalyKind.IMPOSSIBLE_RESULT,
                    "accuracy " + accuracy + " is not a fraction in [0, 1]"));
        }
        if (job.arm() == null || job.targetHalf() == null) {
            return Optional.of(anomaly(
                    completion,
                    type,
                    AnomalyKind.IMPOSSIBLE_RESULT,
                    "the planned training job has no arm or target half"));
        }
        return Optional.empty();
    }

    private static Anomaly anomaly(JobEvent event, String type, AnomalyKind kind, String reason) {
        return new Anomaly(
                event.experimentId(), event.eventId(), type, event.jobId(), kind, reason, event.occurredAt());
    }

    private static ExperimentState status(
            ExperimentLedger ledger,
            ExperimentRequested request,
            ExperimentPlanned plan,
            ExperimentCancelled cancelled) {
        if (cancelled != null) {
            return ExperimentState.CANCELLED;
        }
        if (!ledger.failures().isEmpty()) {
            return ExperimentState.FAILED;
        }
        if (!ledger.completions().isEmpty()) {
            return ExperimentState.COMPLETED;
        }
        if (plan != null) {
            return ExperimentState.RUNNING;
        }
        return request != null ? ExperimentState.ACCEPTED : ExperimentState.UNKNOWN;
    }

    private static Map<String, JobState> jobStates(
            ExperimentLedger ledger,
            Map<String, PlannedJob> jobs,
            Map<String, CountedResult> counted,
            Set<String> diverged,
            ExperimentState status) {
        Set<String> cancelledJobs = new HashSet<>();
        ledger.jobCancellations().forEach(e -> cancelledJobs.add(e.jobId()));
        Set<String> failedJobs = new HashSet<>();
        ledger.jobFailures().stream().filter(e -> !e.retryable()).forEach(e -> failedJobs.add(e.jobId()));
        boolean finished = status != ExperimentState.RUNNING;
        Map<String, JobState> states = new LinkedHashMap<>();
        for (String jobId : jobs.keySet()) {
            JobState state;
            if (diverged.contains(jobId)) {
                state = JobState.DIVERGED;
            } else if (counted.containsKey(jobId)) {
                state = JobState.SUCCEEDED;
            } else if (cancelledJobs.contains(jobId) || status == ExperimentState.CANCELLED) {
                state = JobState.CANCELLED;
            } else if (failedJobs.contains(jobId) || finished) {
                state = JobState.FAILED;
            } else {
                state = JobState.PENDING;
            }
            states.put(jobId, state);
        }
        return states;
    }

    private static List<JobEvent> concat(List<JobFailed> failed, List<JobCancelled> cancelled) {
        List<JobEvent> all = new ArrayList<>(failed);
        all.addAll(cancelled);
        return all;
    }

    /**
     * The trained networks that count, in the scoring's terms (accuracies as fractions). The replicate is
     * the planned job's replicate index, or its seed for plans that predate the index (the seed then
     * identifies the replicate).
     */
    public List<NetworkResult> networks() {
        return results.stream()
                .filter(r -> r.job().kind() == JobKind.TRAIN)
                .map(r -> new NetworkResult(
                        r.job().arm(),
                        r.job().arm() == Arm.BASE ? 0 : r.job().n(),
                        r.job().sourceHalf(),
                        r.job().targetHalf(),
                        replicateOf(r.job()),
                        r.accuracy()))
                .toList();
    }

    public static long replicateOf(PlannedJob job) {
        return job.replicate() != null ? job.replicate() : job.seed();
    }

    /**
     * The rule behind the accuracies the scores use, named for every score output: {@code test-top1},
     * {@code best10-last-half}, {@code best10-or-all} (results that predate the name), several joined by
     * "+" when the counted results disagree; before any result, the rule the request asked for.
     */
    public String accuracyMetric() {
        java.util.TreeSet<String> rules = new java.util.TreeSet<>();
        results.stream()
                .filter(r -> r.job().kind() == JobKind.TRAIN)
                .map(r -> metric.ruleOf(r.completion().result()))
                .filter(java.util.Objects::nonNull)
                .forEach(rules::add);
        if (!rules.isEmpty()) {
            return String.join("+", rules);
        }
        if (metric == AccuracyMetric.TEST) {
            return TrainingSettings.TEST_TOP1;
        }
        return request != null && request.training() != null
                ? request.training().summaryMetric()
                : TrainingSettings.TEST_TOP1;
    }

    /**
     * The target halves of the directions this experiment studies: the request's directions; without a
     * request, the halves its non-base networks trained on. Only these are pooled.
     */
    public Set<Half> studiedTargets() {
        if (request != null) {
            return EnumSet.copyOf(request.directions().targetHalves());
        }
        return ScoreCalculator.studiedTargets(networks());
    }

    /** The CKA result of the counted CKA job with the lowest seed, if any. */
    public Optional<CkaResult> cka() {
        return results.stream()
                .filter(r -> r.job().kind() == JobKind.CKA)
                .min(Comparator.comparingLong(r -> r.job().seed()))
                .map(r -> r.completion().result().cka());
    }

    /**
     * CKA between layer l of baseA and layer l of baseB, l = 1..8, averaged over the counted CKA jobs
     * (one per seed); empty without a CKA result.
     */
    public List<Double> ckaDiagonal() {
        List<CkaResult> all = results.stream()
                .filter(r -> r.job().kind() == JobKind.CKA)
                .map(r -> r.completion().result().cka())
                .toList();
        if (all.isEmpty()) {
            return List.of();
        }
        int layers = all.stream().mapToInt(c -> c.linear().size()).min().orElse(0);
        List<Double> diagonal = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            final int layer = i;
            diagonal.add(all.stream()
                    .mapToDouble(c -> c.linear().get(layer).get(layer))
                    .average()
                    .orElseThrow());
        }
        return diagonal;
    }

    /** First-layer filters of the base network of each half (the lowest seed that reported them). */
    public Map<Half, FilterBank> baseFilters() {
        Map<Half, FilterBank> filters = new EnumMap<>(Half.class);
        results.stream()
                .filter(r ->
                        r.job().arm() == Arm.BASE && r.completion().result().firstLayerFilters() != null)
                .sorted(Comparator.comparingLong(r -> r.job().seed()))
                .forEach(r -> filters.putIfAbsent(
                        r.job().targetHalf(), r.completion().result().firstLayerFilters()));
        return filters;
    }

    public int jobsTotal() {
        return jobStates.size();
    }

    public int jobsDone() {
        return count(JobState.SUCCEEDED);
    }

    public int jobsRemaining() {
        return (int) jobStates.values().stream().filter(s -> !s.terminal()).count();
    }

    public int count(JobState state) {
        return (int) jobStates.values().stream().filter(s -> s == state).count();
    }

    /** True while the experiment runs and some of its jobs have not finished. */
    public boolean partial() {
        return plan == null || (status == ExperimentState.RUNNING && jobsRemaining() > 0);
    }

    /** How many counted results used the other accuracy because the chosen one was missing. */
    public long metricFallbacks() {
        return results.stream().filter(CountedResult::fellBack).count();
    }
}

package io.transferlab.launcher.render;

import io.transferlab.contracts.events.ExperimentPlanned;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobFailed;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.model.JobKind;
import io.transferlab.contracts.model.JobResult;
import io.transferlab.contracts.model.PlannedJob;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every network of a study, folded from the planned jobs and the job results of its experiments: the per-network
 * CSV and the convergence check (did each network reach a plateau: its validation top-1 rose less than a
 * threshold within the last half of training, {@code JobResult.lastHalfGain}).
 */
public final class StudyLedger {
    /** A network is on a plateau when its validation top-1 rose less than this within the last half of training. */
    public static final double PLATEAU_GAIN = 0.01;

    private record Network(String experimentId, PlannedJob job) {}

    private final Set<String> experimentIds;
    private final Map<String, Network> planned = new LinkedHashMap<>();
    private final Map<String, JobResult> results = new LinkedHashMap<>();
    private final Map<String, JobFailed> failures = new LinkedHashMap<>();

    public StudyLedger(Set<String> experimentIds) {
        this.experimentIds = Set.copyOf(experimentIds);
    }

    /** Folds one event in; returns whether it belonged to the study. */
    public boolean accept(TransferLabEvent event) {
        if (event instanceof ExperimentPlanned p && experimentIds.contains(p.experimentId())) {
            p.jobs().forEach(j -> planned.put(j.jobId(), new Network(p.experimentId(), j)));
            return true;
        }
        if (event instanceof JobCompleted c && experimentIds.contains(c.experimentId())) {
            results.put(c.jobId(), c.result());
            failures.remove(c.jobId());
            return true;
        }
        if (event instanceof JobFailed f && experimentIds.contains(f.experimentId()) && !f.retryable()) {
            failures.put(f.jobId(), f);
            return true;
        }
        return false;
    }

    /** One line per planned training network (CKA jobs left out), header first. */
    public String networksCsv() {
        StringBuilder csv = new StringBuilder("experiment,job,arm,n,source,target,replicate,seed,status,test_top1,"
                + "summary_top1,summary_metric,last_half_gain,plateau,failure_kind\n");
        for (var entry : planned.entrySet()) {
            PlannedJob job = entry.getValue().job();
            if (job.kind() != JobKind.TRAIN) {
                continue;
            }
            JobResult r = results.get(entry.getKey());
            JobFailed f = failures.get(entry.getKey());
            String status = r != null ? "completed" : f != null ? "failed" : "missing";
            csv.append(String.join(
                            ",",
                            entry.getValue().experimentId(),
                            job.jobId(),
                            job.arm().wireName(),
                            String.valueOf(job.n()),
                            job.sourceHalf() == null ? "" : job.sourceHalf().name(),
                            job.targetHalf().name(),
                            job.replicate() == null ? "" : job.replicate().toString(),
                            String.valueOf(job.seed()),
                            status,
                            number(r == null ? null : r.testTop1()),
                            number(r == null ? null : r.summaryTop1()),
                            r == null || r.summaryMetric() == null ? "" : r.summaryMetric(),
                            number(r == null ? null : r.lastHalfGain()),
                            r == null || r.lastHalfGain() == null ? "" : r.plateaued(PLATEAU_GAIN) ? "yes" : "no",
                            f == null || f.failureKind() == null ? "" : f.failureKind()))
                    .append('\n');
        }
        return csv.toString();
    }

    /** Per experiment and arm: networks completed, how many reached a plateau, the largest late gain. */
    public String convergenceTable() {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Double> worst = new TreeMap<>();
        for (var entry : planned.entrySet()) {
            PlannedJob job = entry.getValue().job();
            JobResult r = results.get(entry.getKey());
            if (job.kind() != JobKind.TRAIN || r == null) {
                continue;
            }
            String key = entry.getValue().experimentId() + " | " + job.arm().wireName();
            int[] c = counts.computeIfAbsent(key, k -> new int[2]);
            c[0]++;
            c[1] += r.plateaued(PLATEAU_GAIN) ? 1 : 0;
            if (r.lastHalfGain() != null) {
                worst.merge(key, r.lastHalfGain(), Math::max);
            }
        }
        StringBuilder table = new StringBuilder("| experiment | arm | networks | on a plateau | largest late gain |\n"
                + "| --- | --- | --- | --- | --- |\n");
        counts.forEach((key, c) -> table.append("| ")
                .append(key)
                .append(" | ")
                .append(c[0])
                .append(" | ")
                .append(c[1])
                .append(" | ")
                .append(
                        worst.containsKey(key)
                                ? String.format(Locale.ROOT, "%+.1f points", worst.get(key) * 100)
                                : "n/a")
                .append(" |\n"));
        return table.toString();
    }

    /** Training networks that completed, and how many of them reached a plateau. */
    public int[] plateauCounts() {
        int done = 0;
        int flat = 0;
        for (var entry : planned.entrySet()) {
            JobResult r = results.get(entry.getKey());
            if (entry.getValue().job().kind() == JobKind.TRAIN && r != null) {
                done++;
                flat += r.plateaued(PLATEAU_GAIN) ? 1 : 0;
            }
        }
        return new int[] {done, flat};
    }

    /** Seconds the completed jobs took, from their own timings: [0] total, [1] training only. */
    public double[] jobSeconds() {
        return new double[] {
            results.values().stream().mapToLong(JobResult::totalMillis).sum() / 1000.0,
            results.values().stream().mapToLong(JobResult::trainMillis).sum() / 1000.0
        };
    }

    public int completed() {
        return results.size();
    }

    public List<String> divergedJobs() {
        return failures.values().stream()
                .filter(JobFailed::diverged)
                .map(JobFailed::jobId)
                .toList();
    }

    private static String number(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}

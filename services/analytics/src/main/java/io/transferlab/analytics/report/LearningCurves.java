package io.transferlab.analytics.report;

import io.transferlab.analytics.ledger.EpochPoint;
import io.transferlab.analytics.ledger.LedgerView;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.Direction;
import io.transferlab.contracts.model.JobKind;
import io.transferlab.contracts.model.PlannedJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Learning curves grouped the way they can be read: one chart per layer cut (base networks at n = 0), one
 * line per arm and direction, each the mean over replicates of every epoch's validation accuracy. Never
 * averaged over cuts or directions, which would hide a network that has not converged.
 */
final class LearningCurves {
    private LearningCurves() {}

    static TreeMap<Integer, Map<String, ReportCharts.Curve>> byCut(LedgerView view) {
        Map<String, PlannedJob> jobs = new LinkedHashMap<>();
        if (view.plan() != null) {
            view.plan().jobs().forEach(j -> jobs.put(j.jobId(), j));
        }
        TreeMap<Integer, Map<String, ReportCharts.Curve>> byCut = new TreeMap<>();
        for (PlannedJob job : jobs.values()) {
            var points = view.curves().get(job.jobId());
            if (points == null
                    || points.isEmpty()
                    || job.kind() != JobKind.TRAIN
                    || job.arm() == null
                    || job.targetHalf() == null) {
                continue;
            }
            int n = job.arm() == Arm.BASE ? 0 : job.n();
            Direction direction = Direction.towards(job.targetHalf());
            String label = ReportCharts.label(job.arm()) + " " + direction.wireName();
            ReportCharts.Curve curve = byCut.computeIfAbsent(n, k -> new TreeMap<>())
                    .computeIfAbsent(
                            label,
                            k -> new ReportCharts.Curve(
                                    job.arm(), direction.wireName().equals("b-to-a"), new TreeMap<>()));
            for (EpochPoint point : points) {
                curve.epochs()
                        .computeIfAbsent(point.epoch(), e -> new ArrayList<>())
                        .add(point);
            }
        }
        return byCut;
    }
}

package io.transferlab.analytics.api;

import io.transferlab.analytics.ledger.Convergence;
import io.transferlab.analytics.ledger.CountedResult;
import io.transferlab.analytics.ledger.DivergedJob;
import io.transferlab.analytics.ledger.LedgerView;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.JobKind;
import java.util.Locale;

/**
 * One line per trained network, for re-analysis elsewhere: every counted network, then every diverged one
 * (no accuracy). Accuracies in percent points; {@code accuracy_percent} is the number the scores use,
 * under the rule named in {@code metric}; {@code convergence} is the learning-curve check of
 * {@link Convergence}. Columns: {@value #HEADER}.
 */
final class NetworksCsv {
    static final String HEADER = "job_id,arm,n,source_half,target_half,replicate,state,attempt,metric,"
            + "accuracy_percent,test_top1_percent,epochs,convergence,val_gain_points,loss_change";

    private NetworksCsv() {}

    static String of(LedgerView view) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (CountedResult r : view.results()) {
            if (r.job().kind() != JobKind.TRAIN) {
                continue;
            }
            var job = r.job();
            var result = r.completion().result();
            csv.append(cell(job.jobId()))
                    .append(',')
                    .append(job.arm().wireName())
                    .append(',')
                    .append(job.arm() == Arm.BASE ? 0 : job.n())
                    .append(',')
                    .append(job.sourceHalf() == null ? "" : job.sourceHalf().name())
                    .append(',')
                    .append(job.targetHalf().name())
                    .append(',')
                    .append(LedgerView.replicateOf(job))
                    .append(",completed,")
                    .append(r.completion().attempt())
                    .append(',')
                    .append(view.metric().ruleOf(result))
                    .append(',')
                    .append(percent(r.accuracy()))
                    .append(',')
                    .append(percent(result.testTop1()))
                    .append(',')
                    .append(result.epochs())
                    .append(',');
            Convergence convergence = Convergence.of(view.curves().get(job.jobId()));
            csv.append(convergence.verdict())
                    .append(',')
                    .append(convergence.valGain() == null ? "" : percent(convergence.valGain()))
                    .append(',')
                    .append(
                            convergence.lossChange() == null
                                    ? ""
                                    : String.format(Locale.ROOT, "%.4f", convergence.lossChange()))
                    .append('\n');
        }
        for (DivergedJob d : view.diverged()) {
            csv.append(cell(d.jobId()))
                    .append(',')
                    .append(d.arm() == null ? "" : d.arm().wireName())
                    .append(',')
                    .append(d.n())
                    .append(",,")
                    .append(d.targetHalf() == null ? "" : d.targetHalf().name())
                    .append(',')
                    .append(d.replicate())
                    .append(",diverged,")
                    .append(d.attempt())
                    .append(',')
                    .append(",,,,,,\n");
        }
        return csv.toString();
    }

    private static String percent(Double fraction) {
        return fraction == null ? "" : String.format(Locale.ROOT, "%.4f", 100.0 * fraction);
    }

    /** Job ids are planner-made, but quote anything a spreadsheet could misread. */
    private static String cell(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}

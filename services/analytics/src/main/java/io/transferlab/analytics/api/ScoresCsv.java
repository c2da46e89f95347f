package io.transferlab.analytics.api;

import io.transferlab.analytics.ledger.ScoredExperiment;
import io.transferlab.analytics.scoring.UnpairedEffect;
import io.transferlab.contracts.model.ArmScore;
import io.transferlab.contracts.model.EffectScore;
import io.transferlab.contracts.model.Interval;
import java.util.List;
import java.util.Locale;

/**
 * The scores as CSV for spreadsheets, in percent points ({@code unit} says "percent" or "ratio"):
 * {@code section,direction,name,n,mean,low,high,count,method,unit}. The first row (section "metric") names
 * the rule behind every accuracy.
 */
final class ScoresCsv {
    static final String HEADER = "section,direction,name,n,mean,low,high,count,method,unit";

    private ScoresCsv() {}

    static String of(ScoredExperiment snapshot) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        csv.append("metric,,").append(snapshot.table().accuracyMetric()).append(",,,,,,,\n");
        for (ArmScore a : snapshot.table().arms()) {
            line(csv, "arm", a.direction(), a.arm().wireName(), a.n(), a.accuracy(), false);
        }
        for (EffectScore e : snapshot.table().effects()) {
            line(
                    csv,
                    "effect",
                    e.direction(),
                    e.effect(),
                    e.n(),
                    e.value(),
                    e.effect().equals("generality-index"));
        }
        for (UnpairedEffect u : snapshot.scores().unpaired()) {
            csv.append("unpaired,")
                    .append(u.direction())
                    .append(',')
                    .append(u.name())
                    .append(',')
                    .append(u.n())
                    .append(',')
                    .append(number(100 * u.value()))
                    .append(",,,")
                    .append(u.armCount())
                    .append(",difference,percent\n");
        }
        List<Double> cka = snapshot.table().ckaDiagonal();
        for (int i = 0; i < cka.size(); i++) {
            csv.append("cka,pooled,linear-cka,")
                    .append(i + 1)
                    .append(',')
                    .append(number(cka.get(i)))
                    .append(",,,1,none,ratio\n");
        }
        return csv.toString();
    }

    private static void line(
            StringBuilder csv, String section, String direction, String name, int n, Interval interval, boolean ratio) {
        double scale = ratio ? 1.0 : 100.0;
        csv.append(section)
                .append(',')
                .append(direction)
                .append(',')
                .append(name)
                .append(',')
                .append(n)
                .append(',')
                .append(number(scale * interval.mean()))
                .append(',')
                .append(interval.low() == null ? "" : number(scale * interval.low()))
                .append(',')
                .append(interval.high() == null ? "" : number(scale * interval.high()))
                .append(',')
                .append(interval.count())
                .append(',')
                .append(interval.method())
                .append(',')
                .append(ratio ? "ratio" : "percent")
                .append('\n');
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}

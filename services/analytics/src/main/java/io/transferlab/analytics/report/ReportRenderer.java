package io.transferlab.analytics.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.transferlab.analytics.ledger.Anomaly;
import io.transferlab.analytics.ledger.CountedResult;
import io.transferlab.analytics.ledger.DivergedJob;
import io.transferlab.analytics.ledger.EpochPoint;
import io.transferlab.analytics.ledger.ExperimentView;
import io.transferlab.analytics.scoring.Scope;
import io.transferlab.analytics.scoring.UnpairedEffect;
import io.transferlab.analytics.service.ExperimentSnapshot;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.ArmScore;
import io.transferlab.contracts.model.EffectScore;
import io.transferlab.contracts.model.Interval;
import io.transferlab.contracts.model.JobKind;
import io.transferlab.contracts.model.PlannedJob;
import io.transferlab.contracts.model.ScoreTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;

/**
 * Renders an experiment's report: the Figure-2 chart, the effect sizes, the CKA curve, the learning
 * curves, the base networks' first-layer filters, the tables of numbers (percent points) and the request
 * that produced it.
 */
public final class ReportRenderer {
    public static final String FIGURE2 = "figure2.png";
    public static final String EFFECTS = "effects.png";
    public static final String CKA = "cka.png";
    public static final String CURVES = "curves.png";
    public static final String FILTERS = "filters.png";

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ReportRenderer() {
    }

    public static Report render(ExperimentSnapshot snapshot) {
        ExperimentView view = snapshot.view();
        ScoreTable table = snapshot.table();
        String id = view.experimentId();
        Map<String, byte[]> images = new LinkedHashMap<>();
        images.put(FIGURE2, ReportCharts.figure2(table,
                Scope.POOLED.select(view.networks(), view.studiedTargets()), "Accuracy by arm and layer cut: " + id));
        images.put(EFFECTS, ReportCharts.effects(table, "Co-adaptation and specificity: " + id));
        if (!table.ckaDiagonal().isEmpty()) {
            images.put(CKA, ReportCharts.cka(table.ckaDiagonal(), "Layer-wise CKA between the base networks: " + id));
        }
        Map<Arm, TreeMap<Integer, List<EpochPoint>>> curves = curvesByArm(view);
        if (!curves.isEmpty()) {
            images.put(CURVES, ReportCharts.curves(curves, "Validation accuracy during training: " + id));
        }
        if (!view.baseFilters().isEmpty()) {
            images.put(FILTERS, encode(FilterGrid.render(view.baseFilters())));
        }
        return new Report(html(snapshot, images.keySet().stream().toList()), images);
    }

    private static Map<Arm, TreeMap<Integer, List<EpochPoint>>> curvesByArm(ExperimentView view) {
        Map<String, PlannedJob> jobs = new LinkedHashMap<>();
        if (view.plan() != null) {
            view.plan().jobs().forEach(j -> jobs.put(j.jobId(), j));
        }
        Map<Arm, TreeMap<Integer, List<EpochPoint>>> byArm = new EnumMap<>(Arm.class);
        view.curves().forEach((jobId, points) -> {
            PlannedJob job = jobs.get(jobId);
            if (job == null || job.kind() != JobKind.TRAIN || job.arm() == null) {
                return;
            }
            for (EpochPoint point : points) {
                byArm.computeIfAbsent(job.arm(), a -> new TreeMap<>())
                        .computeIfAbsent(point.epoch(), e -> new ArrayList<>()).add(point);
            }
        });
        return byArm;
    }

    static byte[] encode(java.awt.image.BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an image as PNG", e);
        }
        return bytes.toByteArray();
    }

    private static String html(ExperimentSnapshot snapshot, List<String> imageNames) {
        ExperimentView view = snapshot.view();
        ScoreTable table = snapshot.table();
        StringBuilder h = new StringBuilder(32_768);
        String id = escape(view.experimentId());
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>TransferLab report: ")
                .append(id).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;max-width:1100px;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;")
                .append("text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}")
                .append("img{max-width:100%;border:1px solid #eee;margin:0.5em 0}pre{background:#f7f7f7;padding:1em;")
                .append("overflow:auto}.partial{color:#b35900;font-weight:bold}\n</style>\n</head>\n<body>\n");
        h.append("<h1>Experiment ").append(id).append("</h1>\n<p>Status: <b>").append(escape(view.status()))
                .append("</b>");
        if (snapshot.partial()) {
            h.append(" <span class=\"partial\">(partial: ").append(view.jobsRemaining())
                    .append(" jobs still to report)</span>");
        }
        h.append(". Jobs done: ").append(table.jobsDone()).append(" of ").append(table.jobsTotal())
                .append(". Accuracy: <code>").append(view.metric().wireName()).append("</code>")
                .append(view.metric().wireName().equals("summary")
                        ? " (the paper's rule: mean of the 10 best periodic validation top-1 accuracies)"
                        : " (top-1 on the held-out test images)")
                .append(". All numbers are percent points; intervals are 95% Student t over replicates ")
                .append("(the networks of one replicate, both directions, averaged first).</p>\n");
        if (view.metricFallbacks() > 0) {
            h.append("<p>").append(view.metricFallbacks())
                    .append(" result(s) lacked the chosen accuracy and used the other one.</p>\n");
        }
        h.append("<p>Transition layer (first n whose specificity, transfer - selffer, is below zero by a t test ")
                .append("that survives Holm's correction across the cuts): ");
        if (table.transitionLayers().isEmpty()) {
            h.append("none yet");
        } else {
            h.append(new TreeMap<>(table.transitionLayers()).entrySet().stream()
                    .map(e -> escape(e.getKey()) + " n = " + e.getValue()).collect(Collectors.joining(", ")));
        }
        h.append(".</p>\n");

        figure(h, imageNames, ReportRenderer.FIGURE2, "Figure 2 of the paper, this experiment",
                "Mean accuracy of every arm (pooled over the studied directions and seeds) against the layer cut n,"
                        + " with every pooled network as a faint point; the dashed line is the base networks' mean. Error bars: 95%"
                        + " interval.");
        figure(h, imageNames, ReportRenderer.EFFECTS, "Effect sizes",
                "Paired co-adaptation (selffer - base) and specificity (transfer - selffer), stacked per n: "
                        + "together they are the transfer gap.");
        figure(h, imageNames, ReportRenderer.CKA, "Layer-wise similarity of the base networks",
                "Linear CKA between layer l of baseA and layer l of baseB on the same probe images.");
        figure(h, imageNames, ReportRenderer.CURVES, "Learning curves",
                "Mean validation accuracy per epoch of each arm's jobs (latest attempt).");
        figure(h, imageNames, ReportRenderer.FILTERS, "First-layer filters of the base networks",
                "Each filter normalised to its own range.");

        armTable(h, table);
        effectTable(h, table);
        unpairedTable(h, snapshot.scores().unpaired());
        ckaTable(h, table.ckaDiagonal());
        resultsTable(h, view.results());
        divergedTable(h, view.diverged());
        anomalies(h, view.anomalies());
        h.append("<h2>Request</h2>\n<pre>").append(escape(requestJson(view))).append("</pre>\n");
        h.append("<p><small>Generated by the TransferLab analytics service.</small></p>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void figure(StringBuilder h, List<String> imageNames, String name, String title, String caption) {
        if (!imageNames.contains(name)) {
            return;
        }
        h.append("<h2>").append(escape(title)).append("</h2>\n<img src=\"").append(Report.IMAGE_FOLDER).append(name)
                .append("\" alt=\"").append(escape(title)).append("\">\n<p>").append(escape(caption))
                .append("</p>\n");
    }

    private static void armTable(StringBuilder h, ScoreTable table) {
        h.append("<h2>Accuracy by arm</h2>\n<table>\n<tr><th class=\"l\">direction</th><th class=\"l\">arm</th>")
                .append("<th>n</th><th>mean</th><th>95% low</th><th>95% high</th><th>networks</th>")
                .append("<th class=\"l\">interval</th></tr>\n");
        for (ArmScore a : table.arms()) {
            row(h, a.direction(), a.arm().wireName(), a.n(), a.accuracy(), false);
        }
        h.append("</table>\n");
    }

    private static void effectTable(StringBuilder h, ScoreTable table) {
        h.append("<h2>Paired effects</h2>\n<p>Each network against the base (or, for specificity, the selffer) of")
                .append(" its own target half and seed. The generality index is transfer / base, a ratio.</p>\n")
                .append("<table>\n<tr><th class=\"l\">direction</th><th class=\"l\">effect</th><th>n</th>")
                .append("<th>mean</th><th>95% low</th><th>95% high</th><th>pairs</th><th class=\"l\">interval</th>")
                .append("</tr>\n");
        for (EffectScore e : table.effects()) {
            row(h, e.direction(), e.effect(), e.n(), e.value(), e.effect().equals("generality-index"));
        }
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String direction, String name, int n, Interval interval, boolean ratio) {
        h.append("<tr><td class=\"l\">").append(escape(direction)).append("</td><td class=\"l\">").append(escape(name))
                .append("</td><td>").append(n).append("</td><td>").append(Percent.format(interval.mean(), ratio))
                .append("</td><td>").append(Percent.format(interval.low(), ratio)).append("</td><td>")
                .append(Percent.format(interval.high(), ratio)).append("</td><td>").append(interval.count())
                .append("</td><td class=\"l\">").append(escape(interval.method())).append("</td></tr>\n");
    }

    private static void unpairedTable(StringBuilder h, List<UnpairedEffect> unpaired) {
        if (unpaired.isEmpty()) {
            return;
        }
        h.append("<h2>Unpaired effect sizes (the paper's table)</h2>\n<p>Differences of arm means; they mix the")
                .append(" difficulty of the two halves, so prefer the paired effects above.</p>\n<table>\n")
                .append("<tr><th class=\"l\">direction</th><th class=\"l\">difference</th><th>n</th><th>value</th>")
                .append("</tr>\n");
        for (UnpairedEffect u : unpaired) {
            h.append("<tr><td class=\"l\">").append(escape(u.direction())).append("</td><td class=\"l\">")
                    .append(escape(u.name())).append("</td><td>").append(u.n()).append("</td><td>")
                    .append(Percent.format(u.value(), false)).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void ckaTable(StringBuilder h, List<Double> diagonal) {
        if (diagonal.isEmpty()) {
            return;
        }
        h.append("<h2>CKA by layer</h2>\n<table>\n<tr><th>layer</th>");
        for (int i = 1; i <= diagonal.size(); i++) {
            h.append("<th>").append(i).append("</th>");
        }
        h.append("</tr>\n<tr><td>CKA</td>");
        diagonal.forEach(v -> h.append("<td>").append(String.format(java.util.Locale.ROOT, "%.3f", v)).append("</td>"));
        h.append("</tr>\n</table>\n");
    }

    private static void resultsTable(StringBuilder h, List<CountedResult> results) {
        h.append("<h2>Networks</h2>\n<table>\n<tr><th class=\"l\">job</th><th>attempt</th><th>accuracy</th>")
                .append("<th>test top-1</th><th>epochs</th></tr>\n");
        for (CountedResult r : results) {
            h.append("<tr><td class=\"l\">").append(escape(r.job().jobId())).append("</td><td>")
                    .append(r.completion().attempt()).append("</td><td>").append(Percent.format(r.accuracy(), false))
                    .append("</td><td>").append(Percent.format(r.completion().result().testTop1(), false))
                    .append("</td><td>").append(r.completion().result().epochs()).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void divergedTable(StringBuilder h, List<DivergedJob> diverged) {
        if (diverged.isEmpty()) {
            return;
        }
        h.append("<h2>Diverged networks (never scored)</h2>\n<p>").append(diverged.size())
                .append(" job(s) failed with a non-finite loss or output; they count in no mean, effect or interval.")
                .append("</p>\n<table>\n<tr><th class=\"l\">job</th><th class=\"l\">arm</th><th>n</th>")
                .append("<th class=\"l\">target</th><th>replicate</th><th class=\"l\">reason</th></tr>\n");
        for (DivergedJob d : diverged) {
            h.append("<tr><td class=\"l\">").append(escape(d.jobId())).append("</td><td class=\"l\">")
                    .append(d.arm() == null ? "" : escape(d.arm().wireName())).append("</td><td>").append(d.n())
                    .append("</td><td class=\"l\">").append(d.targetHalf() == null ? "" : d.targetHalf().name())
                    .append("</td><td>").append(d.seed()).append("</td><td class=\"l\">").append(escape(d.reason()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void anomalies(StringBuilder h, List<Anomaly> anomalies) {
        h.append("<h2>Anomalies</h2>\n");
        if (anomalies.isEmpty()) {
            h.append("<p>None: every event agreed with the plan.</p>\n");
            return;
        }
        h.append("<p>Events set aside; they do not count in any score.</p>\n<table>\n<tr><th class=\"l\">kind</th>")
                .append("<th class=\"l\">event</th><th class=\"l\">job</th><th class=\"l\">reason</th></tr>\n");
        for (Anomaly a : anomalies) {
            h.append("<tr><td class=\"l\">").append(escape(a.kind().wireName())).append("</td><td class=\"l\">")
                    .append(escape(a.eventType() + " " + a.eventId())).append("</td><td class=\"l\">")
                    .append(escape(a.jobId() == null ? "" : a.jobId())).append("</td><td class=\"l\">")
                    .append(escape(a.reason())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    static String requestJson(ExperimentView view) {
        if (view.request() == null) {
            return "(the ExperimentAccepted event with the request has not been seen)";
        }
        try {
            return EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(view.request());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the request as JSON", e);
        }
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

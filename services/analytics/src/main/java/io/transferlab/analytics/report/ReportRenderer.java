package io.transferlab.analytics.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.transferlab.analytics.ledger.Convergence;
import io.transferlab.analytics.ledger.CountedResult;
import io.transferlab.analytics.ledger.LedgerView;
import io.transferlab.analytics.ledger.ScoredExperiment;
import io.transferlab.analytics.scoring.Scope;
import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.model.Interval;
import io.transferlab.contracts.model.JobKind;
import io.transferlab.contracts.model.ScoreTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Renders an experiment's report: the Figure-2 chart, the effect sizes, the CKA curve, the learning
 * curves, the base networks' first-layer filters, the tables of numbers (percent points) and the request
 * that produced it.
 */
public final class ReportRenderer {
    public static final String FIGURE2 = "figure2.png";
    public static final String CKA = "cka.png";
    public static final String CKA_HEATMAP = "cka-heatmap.png";
    public static final String SPECIFICITY = "specificity.png";
    public static final String FILTERS = "filters.png";
    public static final String CONTRASTS_IMAGE = "contrasts.png";
    static final List<String> MAIN_EFFECTS = List.of("co-adaptation", "specificity", "transfer-gap");
    static final List<String> CONTRASTS = List.of(
            "finetuned-specificity",
            "finetune-recovery",
            "random-frozen-minus-transfer",
            "finetune-gain-transfer",
            "finetune-gain-selffer");

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ReportRenderer() {}

    public static Report render(ScoredExperiment snapshot) {
        LedgerView view = snapshot.view();
        ScoreTable table = snapshot.table();
        String id = view.experimentId();
        Map<String, byte[]> images = new LinkedHashMap<>();
        images.put(
                FIGURE2,
                ReportCharts.figure2(
                        table,
                        Scope.POOLED.select(view.networks(), view.studiedTargets()),
                        "Accuracy by arm and layer cut: " + id));
        for (Scope scope : Scope.ALL) {
            if (table.effects().stream().anyMatch(e -> e.direction().equals(scope.wireName()))) {
                images.put(
                        effectsImage(scope),
                        ReportCharts.effects(
                                table,
                                scope.wireName(),
                                MAIN_EFFECTS,
                                "Paired effects, " + scope.wireName() + ": " + id));
            }
        }
        if (table.effects().stream()
                .anyMatch(e -> e.direction().equals(Scope.POOLED.wireName()) && CONTRASTS.contains(e.effect()))) {
            images.put(
                    CONTRASTS_IMAGE,
                    ReportCharts.effects(table, Scope.POOLED.wireName(), CONTRASTS, "Contrasts, pooled: " + id));
        }
        if (!table.ckaDiagonal().isEmpty()) {
            images.put(CKA, ReportCharts.cka(table.ckaDiagonal(), "Layer-wise CKA between the base networks: " + id));
        }
        view.cka()
                .ifPresent(cka -> images.put(
                        CKA_HEATMAP, ReportCharts.ckaHeatmap(cka.linear(), "Linear CKA, baseA layer vs baseB layer")));
        if (images.containsKey(CKA_HEATMAP)) {
            images.put(
                    SPECIFICITY,
                    ReportCharts.effects(
                            table,
                            Scope.POOLED.wireName(),
                            List.of("specificity"),
                            "Specificity (transfer - selffer), pooled"));
        }
        for (var entry : LearningCurves.byCut(view).entrySet()) {
            images.put(
                    curvesImage(entry.getKey()),
                    ReportCharts.curves(
                            entry.getValue(),
                            "Validation accuracy during training, n = " + entry.getKey() + ": " + id));
        }
        if (!view.baseFilters().isEmpty()) {
            images.put(FILTERS, encode(FilterGrid.render(view.baseFilters())));
        }
        return new Report(html(snapshot, images.keySet().stream().toList()), images);
    }

    static String effectsImage(Scope scope) {
        return "effects-" + scope.wireName() + ".png";
    }

    static String curvesImage(int n) {
        return "curves-n" + n + ".png";
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

    private static String html(ScoredExperiment snapshot, List<String> imageNames) {
        LedgerView view = snapshot.view();
        ScoreTable table = snapshot.table();
        List<ReportPage.Figure> figures = new ArrayList<>();
        figure(
                figures,
                imageNames,
                FIGURE2,
                "Figure 2 of the paper, this experiment",
                "Mean accuracy of every arm (pooled over the studied directions and replicates) against the layer cut"
                        + " n, with every pooled network as a faint point; the dashed line is the base networks' mean."
                        + " Error bars: 95% t interval over replicates; a diamond marks a mean from one replicate"
                        + " (no interval).");
        for (Scope scope : Scope.ALL) {
            figure(
                    figures,
                    imageNames,
                    effectsImage(scope),
                    "Paired effects, " + scope.wireName(),
                    "Co-adaptation (selffer - base), specificity (transfer - selffer) and the transfer gap (transfer -"
                            + " base) per n with 95% intervals; a cut without a value has no point.");
        }
        figure(
                figures,
                imageNames,
                CONTRASTS_IMAGE,
                "Contrasts, pooled",
                "AnB+ - BnB+ (does fine-tuning erase specificity?), AnB+ - AnB (what fine-tuning recovers),"
                        + " random-frozen - AnB, and both fine-tuning gains over base, with 95% intervals.");
        figure(
                figures,
                imageNames,
                CKA,
                "Layer-wise similarity of the base networks",
                "Linear CKA between layer l of baseA and layer l of baseB on the same probe images.");
        for (int n = 0; n <= 7; n++) {
            figure(
                    figures,
                    imageNames,
                    curvesImage(n),
                    n == 0 ? "Learning curves, base networks" : "Learning curves, n = " + n,
                    "Validation accuracy per epoch, mean over replicates, one line per arm and direction (b-to-a dashed).");
        }
        figure(
                figures,
                imageNames,
                FILTERS,
                "First-layer filters of the base networks",
                "Each filter normalised to its own range.");
        List<ReportPage.Figure> beside = new ArrayList<>();
        figure(
                beside,
                imageNames,
                CKA_HEATMAP,
                "Linear CKA between every layer of baseA and baseB",
                "Linear CKA, layer i of baseA (rows) against layer j of baseB (columns): 1 = the same geometry.");
        figure(
                beside,
                imageNames,
                SPECIFICITY,
                "Specificity (transfer - selffer), pooled",
                "Paired specificity per n with 95% intervals: where it falls below zero, features stop being general.");
        if (beside.size() < 2) {
            beside = List.of();
        }
        ReportPage page = new ReportPage(
                view.experimentId(),
                view.status().wireName(),
                snapshot.partial(),
                view.jobsRemaining(),
                table.jobsDone(),
                table.jobsTotal(),
                table.accuracyMetric(),
                meaningOf(table.accuracyMetric()),
                view.metricFallbacks(),
                new TreeMap<>(table.transitionLayers())
                        .entrySet().stream()
                                .map(e -> e.getKey() + " n = " + e.getValue())
                                .toList(),
                figures,
                beside,
                table.arms().stream()
                        .map(a -> row(a.direction(), a.arm().wireName(), a.n(), a.accuracy(), false))
                        .toList(),
                table.effects().stream()
                        .map(e -> row(
                                e.direction(),
                                e.effect(),
                                e.n(),
                                e.value(),
                                e.effect().equals("generality-index")))
                        .toList(),
                snapshot.scores().transitionTests().stream()
                        .map(t -> new ReportPage.TransitionRow(
                                t.direction(),
                                t.n(),
                                Percent.format(t.mean(), false),
                                t.count(),
                                probability(t.pValue()),
                                probability(t.holmP()),
                                t.specific()))
                        .toList(),
                snapshot.scores().unpaired().stream()
                        .map(u -> new ReportPage.UnpairedRow(
                                u.direction(), u.name(), u.n(), Percent.format(u.value(), false)))
                        .toList(),
                ckaCells(table.ckaDiagonal()),
                view.results().stream()
                        .filter(r -> r.job().kind() == JobKind.TRAIN)
                        .map(r -> networkRow(view, r))
                        .toList(),
                view.diverged().stream()
                        .map(d -> new ReportPage.DivergedRow(
                                d.jobId(),
                                d.arm() == null ? "" : d.arm().wireName(),
                                d.n(),
                                d.targetHalf() == null ? "" : d.targetHalf().name(),
                                d.replicate(),
                                d.reason()))
                        .toList(),
                view.anomalies().stream()
                        .map(a -> new ReportPage.AnomalyRow(
                                a.kind().wireName(),
                                a.eventType() + " " + a.eventId(),
                                a.jobId() == null ? "" : a.jobId(),
                                a.reason()))
                        .toList(),
                requestJson(view));
        return ReportTemplate.render(page);
    }

    private static ReportPage.NetworkRow networkRow(LedgerView view, CountedResult r) {
        Convergence convergence = Convergence.of(view.curves().get(r.job().jobId()));
        return new ReportPage.NetworkRow(
                r.job().jobId(),
                r.completion().attempt(),
                Percent.format(r.accuracy(), false),
                Percent.format(r.completion().result().testTop1(), false),
                r.completion().result().epochs(),
                convergence.verdict(),
                Percent.format(convergence.valGain(), false));
    }

    static String meaningOf(String rule) {
        return switch (rule == null ? "" : rule) {
            case "test-top1" -> "top-1 on every official test image of the target half after the last epoch";
            case "best10-last-half" ->
                "mean of the 10 best periodic validation top-1 accuracies among the last half" + " of the validations";
            case "best10-or-all" ->
                "mean of the 10 best periodic validation top-1 accuracies, or of all if fewer:"
                        + " results that predate the metric's name";
            default -> "the networks disagree on the rule; see networks.csv";
        };
    }

    private static void figure(
            List<ReportPage.Figure> figures, List<String> imageNames, String name, String title, String caption) {
        if (imageNames.contains(name)) {
            figures.add(new ReportPage.Figure(Report.IMAGE_FOLDER + name, title, caption));
        }
    }

    private static ReportPage.Row row(String direction, String name, int n, Interval interval, boolean ratio) {
        return new ReportPage.Row(
                direction,
                name,
                n,
                Percent.format(interval.mean(), ratio),
                Percent.format(interval.low(), ratio),
                Percent.format(interval.high(), ratio),
                interval.count(),
                interval.method().equals("none") ? "no interval" : interval.method());
    }

    private static String probability(Double p) {
        return p == null ? "" : String.format(java.util.Locale.ROOT, p < 1e-4 ? "%.1e" : "%.4f", p);
    }

    private static List<ReportPage.CkaCell> ckaCells(List<Double> diagonal) {
        List<ReportPage.CkaCell> cells = new ArrayList<>();
        for (int i = 0; i < diagonal.size(); i++) {
            cells.add(new ReportPage.CkaCell(i + 1, String.format(java.util.Locale.ROOT, "%.3f", diagonal.get(i))));
        }
        return cells;
    }

    static String requestJson(LedgerView view) {
        if (view.request() == null) {
            return "(the ExperimentAccepted event with the request has not been seen)";
        }
        try {
            return EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(view.request());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the request as JSON", e);
        }
    }
}

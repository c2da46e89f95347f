package io.transferlab.analytics.report;

import io.transferlab.analytics.ledger.EpochPoint;
import io.transferlab.analytics.scoring.NetworkResult;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.ArmScore;
import io.transferlab.contracts.model.EffectScore;
import io.transferlab.contracts.model.Interval;
import io.transferlab.contracts.model.ScoreTable;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, drawn with XChart and encoded as PNG. Values in percent points. */
public final class ReportCharts {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 540;
    static final String SCOPE = "pooled";

    private static final Map<Arm, Color> COLORS = new EnumMap<>(Map.of(
            Arm.BASE, Color.BLACK,
            Arm.SELFFER, new Color(0x1f77b4),
            Arm.SELFFER_FINETUNED, new Color(0x17becf),
            Arm.TRANSFER, new Color(0xd62728),
            Arm.TRANSFER_FINETUNED, new Color(0xff7f0e),
            Arm.RANDOM_FROZEN, new Color(0x7f7f7f)));

    private ReportCharts() {}

    /** Figure 2 of the paper: every arm's mean accuracy against n, the base as a line, 95% error bars. */
    public static byte[] figure2(ScoreTable table, List<NetworkResult> networks, String title) {
        return png(figure2Chart(table, networks, title));
    }

    static XYChart figure2Chart(ScoreTable table, List<NetworkResult> networks, String title) {
        XYChart chart = xyChart(title, "layer n (first n layers copied)", "top-1 accuracy (%)");
        List<ArmScore> arms =
                table.arms().stream().filter(a -> a.direction().equals(SCOPE)).toList();
        int maxN = arms.stream().mapToInt(ArmScore::n).max().orElse(1);
        arms.stream().filter(a -> a.arm() == Arm.BASE).findFirst().ifPresent(base -> {
            double mean = Percent.of(base.accuracy().mean(), false);
            XYSeries line = hasInterval(base.accuracy())
                    ? chart.addSeries("base", new double[] {0, maxN}, new double[] {mean, mean}, new double[] {
                        Percent.errorBar(base.accuracy(), false), Percent.errorBar(base.accuracy(), false)
                    })
                    : chart.addSeries(
                            "base (one replicate: no interval)", new double[] {0, maxN}, new double[] {mean, mean});
            line.setLineColor(Color.BLACK);
            line.setLineStyle(SeriesLines.DASH_DASH);
            line.setMarker(SeriesMarkers.NONE);
        });
        for (Arm arm : Arm.values()) {
            if (arm == Arm.BASE) {
                continue;
            }
            List<ArmScore> series = arms.stream()
                    .filter(a -> a.arm() == arm)
                    .sorted(java.util.Comparator.comparingInt(ArmScore::n))
                    .toList();
            if (series.isEmpty()) {
                continue;
            }
            addWithIntervals(
                    chart,
                    label(arm),
                    COLORS.get(arm),
                    arm.fineTuned(),
                    series.stream().map(a -> new Point(a.n(), a.accuracy())).toList(),
                    false);
        }
        networkPoints(chart, networks);
        return chart;
    }

    /** Every network as a small point, shifted a little per arm so that they do not hide each other. */
    private static void networkPoints(XYChart chart, List<NetworkResult> networks) {
        Arm[] arms = Arm.values();
        for (int i = 0; i < arms.length; i++) {
            Arm arm = arms[i];
            double shift = (i - (arms.length - 1) / 2.0) * 0.04;
            List<NetworkResult> points =
                    networks.stream().filter(r -> r.arm() == arm).toList();
            if (points.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(
                    label(arm) + " networks",
                    points.stream().mapToDouble(r -> r.n() + shift).toArray(),
                    points.stream()
                            .mapToDouble(r -> Percent.of(r.accuracy(), false))
                            .toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            Color color = COLORS.get(arm);
            s.setMarkerColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 90));
            s.setShowInLegend(false);
        }
    }

    /**
     * Paired effects of one scope against n with their 95% intervals: co-adaptation, specificity and the
     * transfer gap (or the effects named). A cut without a value has no point (never a 0); a value
     * without an interval (one replicate) is a hollow marker without a bar.
     */
    public static byte[] effects(ScoreTable table, String scope, List<String> names, String title) {
        return png(effectsChart(table, scope, names, title));
    }

    static XYChart effectsChart(ScoreTable table, String scope, List<String> names, String title) {
        XYChart chart = xyChart(title, "layer n", "paired effect (percent points)");
        XYSeries zero = chart.addSeries("zero", new double[] {0, 7.5}, new double[] {0, 0});
        zero.setLineColor(Color.LIGHT_GRAY);
        zero.setMarker(SeriesMarkers.NONE);
        zero.setShowInLegend(false);
        Color[] colors = {
            new Color(0x1f77b4),
            new Color(0xd62728),
            new Color(0x9467bd),
            new Color(0xff7f0e),
            new Color(0x2ca02c),
            new Color(0x8c564b)
        };
        int i = 0;
        for (String name : names) {
            List<Point> points = table.effects().stream()
                    .filter(e -> e.direction().equals(scope) && e.effect().equals(name))
                    .sorted(java.util.Comparator.comparingInt(EffectScore::n))
                    .map(e -> new Point(e.n(), e.value()))
                    .toList();
            addWithIntervals(chart, name, colors[i++ % colors.length], false, points, false);
        }
        if (chart.getSeriesMap().size() == 1) {
            chart.addSeries("no paired effects yet", new double[] {0}, new double[] {0})
                    .setShowInLegend(true);
        }
        return chart;
    }

    /** A value at a cut with its interval (or none). */
    record Point(int n, Interval value) {}

    /**
     * Adds a series with 95% error bars for the points that have an interval, and the points without one
     * (one replicate) as hollow markers on the same line without bars: a zero-width bar would claim a
     * certainty nobody measured.
     */
    private static void addWithIntervals(
            XYChart chart, String name, Color color, boolean dotted, List<Point> points, boolean ratio) {
        if (points.isEmpty()) {
            return;
        }
        List<Point> withInterval =
                points.stream().filter(p -> hasInterval(p.value())).toList();
        List<Point> without =
                points.stream().filter(p -> !hasInterval(p.value())).toList();
        XYSeries line = without.isEmpty()
                ? chart.addSeries(name, xs(points), ys(points, ratio), bars(points, ratio))
                : chart.addSeries(name, xs(points), ys(points, ratio));
        style(line, color, SeriesMarkers.CIRCLE);
        if (dotted) {
            line.setLineStyle(SeriesLines.DOT_DOT);
        }
        if (without.isEmpty()) {
            return;
        }
        line.setMarker(SeriesMarkers.NONE);
        if (!withInterval.isEmpty()) {
            XYSeries withBars = chart.addSeries(
                    name + " (95%)", xs(withInterval), ys(withInterval, ratio), bars(withInterval, ratio));
            withBars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            style(withBars, color, SeriesMarkers.CIRCLE);
            withBars.setShowInLegend(false);
        }
        XYSeries noInterval = chart.addSeries(name + ": one replicate, no interval", xs(without), ys(without, ratio));
        noInterval.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        style(noInterval, color, SeriesMarkers.DIAMOND);
    }

    private static double[] bars(List<Point> points, boolean ratio) {
        return points.stream()
                .mapToDouble(p -> Percent.errorBar(p.value(), ratio))
                .toArray();
    }

    static boolean hasInterval(Interval interval) {
        return interval.low() != null && interval.high() != null;
    }

    private static double[] xs(List<Point> points) {
        return points.stream().mapToDouble(Point::n).toArray();
    }

    private static double[] ys(List<Point> points, boolean ratio) {
        return points.stream()
                .mapToDouble(p -> Percent.of(p.value().mean(), ratio))
                .toArray();
    }

    /** Linear CKA between layer l of baseA and layer l of baseB. */
    public static byte[] cka(List<Double> diagonal, String title) {
        XYChart chart = xyChart(title, "layer", "linear CKA (baseA vs baseB)");
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        double[] layers = new double[diagonal.size()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = i + 1;
        }
        XYSeries s = chart.addSeries(
                "CKA",
                layers,
                diagonal.stream().mapToDouble(Double::doubleValue).toArray());
        style(s, new Color(0x2ca02c), SeriesMarkers.DIAMOND);
        return png(chart);
    }

    /** Validation accuracy per epoch, one line per curve (e.g. arm and direction at one layer cut). */
    public static byte[] curves(Map<String, Curve> curves, String title) {
        XYChart chart = xyChart(title, "epoch", "validation top-1 (%)");
        for (var entry : curves.entrySet()) {
            TreeMap<Integer, List<EpochPoint>> epochs = entry.getValue().epochs();
            if (epochs.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(
                    entry.getKey(),
                    epochs.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                    epochs.values().stream()
                            .mapToDouble(points -> 100.0
                                    * points.stream()
                                            .mapToDouble(EpochPoint::valTop1)
                                            .average()
                                            .orElseThrow())
                            .toArray());
            style(s, COLORS.get(entry.getValue().arm()), SeriesMarkers.CIRCLE);
            if (entry.getValue().dashed()) {
                s.setLineStyle(SeriesLines.DASH_DASH);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no epochs yet", new double[] {0}, new double[] {0});
        }
        return png(chart);
    }

    /** One learning curve: the mean over replicates of each epoch's validation accuracy. */
    public record Curve(Arm arm, boolean dashed, TreeMap<Integer, List<EpochPoint>> epochs) {}

    /** Linear CKA between layer i of baseA and layer j of baseB, as a heat map (1 = identical geometry). */
    public static byte[] ckaHeatmap(List<List<Double>> matrix, String title) {
        org.knowm.xchart.HeatMapChart chart = new org.knowm.xchart.HeatMapChartBuilder()
                .width(HEIGHT)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("layer of baseB")
                .yAxisTitle("layer of baseA")
                .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setMin(0.0).setMax(1.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        int size = matrix.size();
        List<Integer> layers = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            layers.add(i);
        }
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                cells.add(new Number[] {j, i, Math.round(matrix.get(i).get(j) * 100.0) / 100.0});
            }
        }
        chart.addSeries("linear CKA", layers, layers, cells);
        return png(chart);
    }

    private static void style(XYSeries series, Color color, org.knowm.xchart.style.markers.Marker marker) {
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(marker);
    }

    static String label(Arm arm) {
        return switch (arm) {
            case BASE -> "base";
            case SELFFER -> "selffer (BnB)";
            case TRANSFER -> "transfer (AnB)";
            case SELFFER_FINETUNED -> "selffer fine-tuned (BnB+)";
            case TRANSFER_FINETUNED -> "transfer fine-tuned (AnB+)";
            case RANDOM_FROZEN -> "random frozen";
        };
    }

    private static XYChart xyChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a chart as PNG", e);
        }
    }
}

package io.transferlab.analytics.report;

import io.transferlab.analytics.ledger.EpochPoint;
import io.transferlab.analytics.scoring.NetworkResult;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.ArmScore;
import io.transferlab.contracts.model.EffectScore;
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
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
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

    private ReportCharts() {
    }

    /** Figure 2 of the paper: every arm's mean accuracy against n, the base as a line, 95% error bars. */
    public static byte[] figure2(ScoreTable table, List<NetworkResult> networks, String title) {
        XYChart chart = xyChart(title, "layer n (first n layers copied)", "top-1 accuracy (%)");
        List<ArmScore> arms = table.arms().stream().filter(a -> a.direction().equals(SCOPE)).toList();
        int maxN = arms.stream().mapToInt(ArmScore::n).max().orElse(1);
        arms.stream().filter(a -> a.arm() == Arm.BASE).findFirst().ifPresent(base -> {
            double mean = Percent.of(base.accuracy().mean(), false);
            XYSeries line = chart.addSeries("base", new double[] {0, maxN}, new double[] {mean, mean},
                    new double[] {Percent.errorBar(base.accuracy(), false), Percent.errorBar(base.accuracy(), false)});
            line.setLineColor(Color.BLACK);
            line.setLineStyle(SeriesLines.DASH_DASH);
            line.setMarker(SeriesMarkers.NONE);
        });
        for (Arm arm : Arm.values()) {
            if (arm == Arm.BASE) {
                continue;
            }
            List<ArmScore> series = arms.stream().filter(a -> a.arm() == arm).sorted(
                    java.util.Comparator.comparingInt(ArmScore::n)).toList();
            if (series.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(label(arm), series.stream().mapToDouble(ArmScore::n).toArray(),
                    series.stream().mapToDouble(a -> Percent.of(a.accuracy().mean(), false)).toArray(),
                    series.stream().mapToDouble(a -> Percent.errorBar(a.accuracy(), false)).toArray());
            style(s, COLORS.get(arm), SeriesMarkers.CIRCLE);
            if (arm.fineTuned()) {
                s.setLineStyle(SeriesLines.DOT_DOT);
            }
        }
        networkPoints(chart, networks);
        return png(chart);
    }

    /** Every network as a small point, shifted a little per arm so that they do not hide each other. */
    private static void networkPoints(XYChart chart, List<NetworkResult> networks) {
        Arm[] arms = Arm.values();
        for (int i = 0; i < arms.length; i++) {
            Arm arm = arms[i];
            double shift = (i - (arms.length - 1) / 2.0) * 0.04;
            List<NetworkResult> points = networks.stream().filter(r -> r.arm() == arm).toList();
            if (points.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(label(arm) + " networks",
                    points.stream().mapToDouble(r -> r.n() + shift).toArray(),
                    points.stream().mapToDouble(r -> Percent.of(r.accuracy(), false)).toArray());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            Color color = COLORS.get(arm);
            s.setMarkerColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 90));
            s.setShowInLegend(false);
        }
    }

    /** Co-adaptation and specificity stacked per n: together they make the transfer gap. */
    public static byte[] effects(ScoreTable table, String title) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("layer n").yAxisTitle("paired effect (percent points)").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setSeriesColors(new Color[] {new Color(0x1f77b4), new Color(0xd62728)});
        TreeMap<Integer, Double> coAdaptation = effect(table, "co-adaptation");
        TreeMap<Integer, Double> specificity = effect(table, "specificity");
        java.util.TreeSet<Integer> union = new java.util.TreeSet<>(coAdaptation.keySet());
        union.addAll(specificity.keySet());
        List<Integer> cuts = new ArrayList<>(union);
        if (cuts.isEmpty()) {
            chart.addSeries("no paired effects yet", List.of("-"), List.of(0.0));
            return png(chart);
        }
        List<String> labels = cuts.stream().map(String::valueOf).toList();
        chart.addSeries("co-adaptation (selffer - base)", labels,
                cuts.stream().map(n -> (Number) coAdaptation.getOrDefault(n, 0.0)).toList());
        chart.addSeries("specificity (transfer - selffer)", labels,
                cuts.stream().map(n -> (Number) specificity.getOrDefault(n, 0.0)).toList());
        return png(chart);
    }

    /** Linear CKA between layer l of baseA and layer l of baseB. */
    public static byte[] cka(List<Double> diagonal, String title) {
        XYChart chart = xyChart(title, "layer", "linear CKA (baseA vs baseB)");
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        double[] layers = new double[diagonal.size()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = i + 1;
        }
        XYSeries s = chart.addSeries("CKA", layers, diagonal.stream().mapToDouble(Double::doubleValue).toArray());
        style(s, new Color(0x2ca02c), SeriesMarkers.DIAMOND);
        return png(chart);
    }

    /** Mean validation accuracy of each arm per epoch, over the jobs that reported one. */
    public static byte[] curves(Map<Arm, TreeMap<Integer, List<EpochPoint>>> byArm, String title) {
        XYChart chart = xyChart(title, "epoch", "validation top-1 (%)");
        for (Arm arm : Arm.values()) {
            TreeMap<Integer, List<EpochPoint>> epochs = byArm.get(arm);
            if (epochs == null || epochs.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(label(arm), epochs.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                    epochs.values().stream().mapToDouble(points -> 100.0 * points.stream()
                            .mapToDouble(EpochPoint::valTop1).average().orElse(0)).toArray());
            style(s, COLORS.get(arm), SeriesMarkers.CIRCLE);
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no epochs yet", new double[] {0}, new double[] {0});
        }
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

    private static TreeMap<Integer, Double> effect(ScoreTable table, String name) {
        TreeMap<Integer, Double> values = new TreeMap<>();
        for (EffectScore e : table.effects()) {
            if (e.direction().equals(SCOPE) && e.effect().equals(name)) {
                values.put(e.n(), Percent.of(e.value().mean(), false));
            }
        }
        return values;
    }

    private static XYChart xyChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
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

package io.transferlab.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.analytics.fixtures.FixtureExperiment;
import io.transferlab.analytics.ledger.AccuracyMetric;
import io.transferlab.analytics.ledger.LedgerStore;
import io.transferlab.analytics.ledger.ScoredExperiment;
import io.transferlab.analytics.scoring.ScoringOptions;
import io.transferlab.analytics.service.ExperimentScorer;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.FilterBank;
import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.PlannedJob;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class ReportRendererTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void rendersEveryFigureAsAWellFormedPngAndAnHtmlPageThatShowsThem() throws IOException {
        FixtureExperiment fixture = new FixtureExperiment("fixture-report", T0);
        LedgerStore store = new LedgerStore(AccuracyMetric.SUMMARY);
        fixture.allEvents().forEach(store::apply);
        for (PlannedJob job : fixture.jobs().subList(0, 20)) {
            fixture.epochs(job).forEach(store::apply);
        }
        ScoredExperiment snapshot = new ExperimentScorer(ScoringOptions.defaults())
                .snapshot(store.view("fixture-report").orElseThrow());

        Report report = ReportRenderer.render(snapshot);

        assertThat(report.images())
                .containsOnlyKeys(
                        "figure2.png",
                        "effects-a-to-b.png",
                        "effects-b-to-a.png",
                        "effects-pooled.png",
                        "contrasts.png",
                        "cka.png",
                        "cka-heatmap.png",
                        "specificity.png",
                        "curves-n0.png",
                        "curves-n1.png",
                        "curves-n2.png",
                        "curves-n3.png",
                        "filters.png");
        List<FilterBank> banks = List.of(FixtureExperiment.filters(Half.A), FixtureExperiment.filters(Half.B));
        Map<String, int[]> expected = new HashMap<>();
        report.images().keySet().forEach(k -> expected.put(k, new int[] {ReportCharts.WIDTH, ReportCharts.HEIGHT}));
        expected.put("cka-heatmap.png", new int[] {ReportCharts.HEIGHT, ReportCharts.HEIGHT});
        expected.put("filters.png", new int[] {FilterGrid.width(banks), FilterGrid.height(banks)});
        Path out = Files.createDirectories(Path.of("target", "report-fixture", "report"));
        for (var entry : report.images().entrySet()) {
            assertThat(entry.getValue()).as(entry.getKey()).startsWith(0x89, 'P', 'N', 'G');
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(entry.getValue()));
            assertThat(image).as(entry.getKey() + " decodes").isNotNull();
            assertThat(image.getWidth()).as(entry.getKey() + " width").isEqualTo(expected.get(entry.getKey())[0]);
            assertThat(image.getHeight()).as(entry.getKey() + " height").isEqualTo(expected.get(entry.getKey())[1]);
            assertThat(report.html()).contains("<img src=\"report/" + entry.getKey() + "\"");
            Files.write(out.resolve(entry.getKey()), entry.getValue());
        }
        Files.writeString(out.getParent().resolve("report.html"), report.html());

        // 6 filters of 5x5 magnified 8 times, 3 columns by 2 rows, 2 px gaps.
        assertThat(FilterGrid.panelWidth(banks.get(0))).isEqualTo(3 * 40 + 2 * 2);
        assertThat(FilterGrid.panelHeight(banks.get(0))).isEqualTo(2 * 40 + 2);

        String html = report.html();
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("Experiment fixture-report")
                .contains("<h2>Request</h2>")
                .contains("&quot;fashion-mnist&quot;")
                .contains("transfer-gap")
                .contains("co-adaptation")
                .contains("generality-index")
                .contains("Transition layer")
                .contains("None: every event agreed with the plan.")
                .doesNotContain("partial:")
                .endsWith("</html>\n");
        // Percent points in the tables: the seed-0 base of half B is 80.00 %.
        assertThat(html).contains("<td>80.00</td>");
    }

    @Test
    void aPartialExperimentWithoutCkaOrFiltersStillRenders() throws IOException {
        FixtureExperiment fixture = new FixtureExperiment("fixture-partial", T0);
        LedgerStore store = new LedgerStore(AccuracyMetric.SUMMARY);
        store.apply(fixture.planned());
        store.apply(fixture.completions().get(2)); // one selffer network, no base yet
        Report report = ReportRenderer.render(new ExperimentScorer(ScoringOptions.defaults())
                .snapshot(store.view("fixture-partial").orElseThrow()));
        assertThat(report.images())
                .as("no effect yet: no effects chart, rather than zeros")
                .containsOnlyKeys("figure2.png");
        for (byte[] png : report.images().values()) {
            assertThat(ImageIO.read(new ByteArrayInputStream(png))).isNotNull();
        }
        assertThat(report.html()).contains("partial:").contains("none yet").contains("has not been seen");
    }

    @Test
    void zipHoldsThePageBesideItsImages() throws IOException {
        FixtureExperiment fixture = new FixtureExperiment("fixture-zip", T0);
        LedgerStore store = new LedgerStore(AccuracyMetric.SUMMARY);
        fixture.allEvents().forEach(store::apply);
        Report report = ReportRenderer.render(new ExperimentScorer(ScoringOptions.defaults())
                .snapshot(store.view("fixture-zip").orElseThrow()));
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(report.zip()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        assertThat(entries.keySet())
                .contains(
                        "report.html",
                        "report/figure2.png",
                        "report/effects-pooled.png",
                        "report/cka-heatmap.png",
                        "report/filters.png")
                .hasSize(report.images().size() + 1);
        assertThat(new String(entries.get("report.html"), StandardCharsets.UTF_8))
                .isEqualTo(report.html());
        assertThat(entries.get("report/cka.png")).isEqualTo(report.images().get("cka.png"));
    }

    @Test
    void filtersOfThreeChannelsAreDrawnInColour() {
        List<Double> values = new java.util.ArrayList<>();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 4; i++) {
                values.add(c == 0 ? 1.0 : 0.0); // red plane high, green and blue low
            }
        }
        values.set(11, -1.0); // one blue pixel lowest: the per-filter range is [-1, 1]
        FilterBank bank = new FilterBank(1, 3, 2, 2, values);
        BufferedImage image = FilterGrid.render(Map.of(Half.A, bank));
        int rgb = image.getRGB(FilterGrid.MARGIN, FilterGrid.LABEL_HEIGHT);
        assertThat((rgb >> 16) & 0xff).isEqualTo(255);
        assertThat((rgb >> 8) & 0xff).isEqualTo(128);
    }

    @Test
    void drawsThePapersFigureTwoFromItsNetworks() throws IOException {
        List<io.transferlab.analytics.scoring.NetworkResult> networks =
                io.transferlab.analytics.scoring.PaperNetworksFixture.load();
        var table = new io.transferlab.analytics.scoring.ScoreCalculator(ScoringOptions.defaults())
                .score(networks)
                .toTable(List.of(), networks.size(), networks.size());
        // The CSV is in percent points; the chart expects fractions like the wire.
        List<io.transferlab.analytics.scoring.NetworkResult> fractions = networks.stream()
                .map(r -> new io.transferlab.analytics.scoring.NetworkResult(
                        r.arm(), r.n(), r.sourceHalf(), r.targetHalf(), r.replicate(), r.accuracy() / 100))
                .toList();
        var fractionTable = new io.transferlab.analytics.scoring.ScoreCalculator(ScoringOptions.defaults())
                .score(fractions)
                .toTable(List.of(), networks.size(), networks.size());
        assertThat(fractionTable.arms()).hasSameSizeAs(table.arms());
        byte[] png = ReportCharts.figure2(fractionTable, fractions, "Yosinski et al. 2014, ImageNet, Figure 2");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(ReportCharts.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ReportCharts.HEIGHT);
        Files.createDirectories(Path.of("target", "report-paper"));
        Files.write(Path.of("target", "report-paper", "figure2.png"), png);
        Files.write(
                Path.of("target", "report-paper", "effects.png"),
                ReportCharts.effects(
                        fractionTable, "pooled", ReportRenderer.MAIN_EFFECTS, "Yosinski et al. 2014, paired effects"));
    }

    @Test
    void theTemplateEngineEscapesMarkupInEveryValue() {
        FixtureExperiment fixture = new FixtureExperiment("<script>alert('x')</script>&", T0);
        LedgerStore store = new LedgerStore(AccuracyMetric.SUMMARY);
        fixture.allEvents().forEach(store::apply);
        String html = ReportRenderer.render(new ExperimentScorer(ScoringOptions.defaults())
                        .snapshot(store.view(fixture.experimentId()).orElseThrow()))
                .html();
        assertThat(html)
                .doesNotContain("<script>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;")
                .contains("<h1>Experiment &lt;script&gt;");
        assertThat(html)
                .as("the job ids in the networks table too")
                .contains("<td class=\"l\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;.base.n0.-B.s0</td>");
    }

    @Test
    void oneReplicateDrawsPointsWithoutIntervalsAndNeverAZeroWidthBar() {
        var networks = List.of(
                new io.transferlab.analytics.scoring.NetworkResult(Arm.BASE, 0, null, Half.B, 0, 0.8),
                new io.transferlab.analytics.scoring.NetworkResult(Arm.TRANSFER, 1, Half.A, Half.B, 0, 0.7),
                new io.transferlab.analytics.scoring.NetworkResult(Arm.TRANSFER, 2, Half.A, Half.B, 0, 0.6),
                new io.transferlab.analytics.scoring.NetworkResult(Arm.TRANSFER, 2, Half.A, Half.B, 1, 0.62),
                new io.transferlab.analytics.scoring.NetworkResult(Arm.BASE, 0, null, Half.B, 1, 0.81));
        var table = new io.transferlab.analytics.scoring.ScoreCalculator(ScoringOptions.defaults())
                .score(networks)
                .toTable(List.of(), 5, 5);
        XYChart figure2 = ReportCharts.figure2Chart(table, networks, "one replicate at n = 1");
        for (XYSeries series : figure2.getSeriesMap().values()) {
            if (series.getExtraValues() != null) {
                assertThat(java.util.Arrays.stream(series.getExtraValues())
                                .boxed()
                                .toList())
                        .as(series.getName() + " error bars")
                        .allMatch(bar -> bar > 0);
            }
        }
        assertThat(figure2.getSeriesMap()).containsKey("transfer (AnB): one replicate, no interval");
        assertThat(figure2.getSeriesMap()
                        .get("transfer (AnB): one replicate, no interval")
                        .getXData())
                .containsExactly(1.0);
    }

    @Test
    void aMissingEffectIsNoPointRatherThanZero() {
        var networks = List.of(
                new io.transferlab.analytics.scoring.NetworkResult(Arm.BASE, 0, null, Half.B, 0, 0.8),
                new io.transferlab.analytics.scoring.NetworkResult(Arm.SELFFER, 1, Half.B, Half.B, 0, 0.79),
                new io.transferlab.analytics.scoring.NetworkResult(Arm.TRANSFER, 1, Half.A, Half.B, 0, 0.7),
                new io.transferlab.analytics.scoring.NetworkResult(Arm.TRANSFER, 3, Half.A, Half.B, 0, 0.6));
        var table = new io.transferlab.analytics.scoring.ScoreCalculator(ScoringOptions.defaults())
                .score(networks)
                .toTable(List.of(), 4, 4);
        XYChart effects = ReportCharts.effectsChart(table, "pooled", ReportRenderer.MAIN_EFFECTS, "effects");
        XYSeries specificity = effects.getSeriesMap().get("specificity");
        assertThat(specificity.getXData())
                .as("no selffer at n = 3: no specificity point there")
                .containsExactly(1.0);
        assertThat(effects.getSeriesMap().get("transfer-gap").getXData()).containsExactly(1.0, 3.0);
        double[] gap = effects.getSeriesMap().get("transfer-gap").getYData();
        assertThat(gap[0]).isCloseTo(-10.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(gap[1]).isCloseTo(-20.0, org.assertj.core.api.Assertions.within(1e-9));
    }
}

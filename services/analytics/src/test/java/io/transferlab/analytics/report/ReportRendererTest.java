package io.transferlab.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.analytics.fixtures.FixtureExperiment;
import io.transferlab.analytics.ledger.AccuracyMetric;
import io.transferlab.analytics.ledger.LedgerStore;
import io.transferlab.analytics.scoring.ScoringOptions;
import io.transferlab.analytics.service.ExperimentScorer;
import io.transferlab.analytics.service.ExperimentSnapshot;
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
        ExperimentSnapshot snapshot = new ExperimentScorer(ScoringOptions.defaults())
                .snapshot(store.view("fixture-report").orElseThrow());

        Report report = ReportRenderer.render(snapshot);

        assertThat(report.images()).containsOnlyKeys("figure2.png", "effects.png", "cka.png", "curves.png",
                "filters.png");
        List<FilterBank> banks = List.of(FixtureExperiment.filters(Half.A), FixtureExperiment.filters(Half.B));
        Map<String, int[]> expected = Map.of(
                "figure2.png", new int[] {ReportCharts.WIDTH, ReportCharts.HEIGHT},
                "effects.png", new int[] {ReportCharts.WIDTH, ReportCharts.HEIGHT},
                "cka.png", new int[] {ReportCharts.WIDTH, ReportCharts.HEIGHT},
                "curves.png", new int[] {ReportCharts.WIDTH, ReportCharts.HEIGHT},
                "filters.png", new int[] {FilterGrid.width(banks), FilterGrid.height(banks)});
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
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Experiment fixture-report")
                .contains("<h2>Request</h2>").contains("&quot;fashion-mnist&quot;")
                .contains("transfer-gap").contains("co-adaptation").contains("generality-index")
                .contains("Transition layer").contains("None: every event agreed with the plan.")
                .doesNotContain("partial:").endsWith("</html>\n");
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
        assertThat(report.images()).containsOnlyKeys("figure2.png", "effects.png");
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
        assertThat(entries).containsOnlyKeys("report.html", "report/figure2.png", "report/effects.png",
                "report/cka.png", "report/filters.png");
        assertThat(new String(entries.get("report.html"), StandardCharsets.UTF_8)).isEqualTo(report.html());
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
        List<io.transferlab.analytics.scoring.NetworkResult> networks = io.transferlab.analytics.scoring.PaperNetworksFixture
                .load();
        var table = new io.transferlab.analytics.scoring.ScoreCalculator(ScoringOptions.defaults()).score(networks)
                .toTable(List.of(), networks.size(), networks.size());
        // The CSV is in percent points; the chart expects fractions like the wire.
        List<io.transferlab.analytics.scoring.NetworkResult> fractions = networks.stream()
                .map(r -> new io.transferlab.analytics.scoring.NetworkResult(r.arm(), r.n(), r.sourceHalf(),
                        r.targetHalf(), r.seed(), r.accuracy() / 100))
                .toList();
        var fractionTable = new io.transferlab.analytics.scoring.ScoreCalculator(ScoringOptions.defaults())
                .score(fractions).toTable(List.of(), networks.size(), networks.size());
        assertThat(fractionTable.arms()).hasSameSizeAs(table.arms());
        byte[] png = ReportCharts.figure2(fractionTable, fractions, "Yosinski et al. 2014, ImageNet, Figure 2");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(ReportCharts.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ReportCharts.HEIGHT);
        Files.createDirectories(Path.of("target", "report-paper"));
        Files.write(Path.of("target", "report-paper", "figure2.png"), png);
        Files.write(Path.of("target", "report-paper", "effects.png"),
                ReportCharts.effects(fractionTable, "Yosinski et al. 2014, paired effects"));
    }

    @Test
    void escapesMarkup() {
        assertThat(ReportRenderer.escape("<a href=\"x\">&'")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }
}

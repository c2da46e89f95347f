package io.transferlab.launcher.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transferlab.launcher.render.StudyFindings.Finding;
import io.transferlab.launcher.render.StudyFindings.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StudyFindingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** mean, low, high per n = 1..7, in accuracy points. */
    private static double[][] curve(double... means) {
        double[][] rows = new double[means.length][];
        for (int i = 0; i < means.length; i++) {
            rows[i] = new double[] {means[i], means[i] - 0.5, means[i] + 0.5};
        }
        return rows;
    }

    private static double[][] wide(double... means) {
        double[][] rows = new double[means.length][];
        for (int i = 0; i < means.length; i++) {
            rows[i] = new double[] {means[i], means[i] - 5, means[i] + 5};
        }
        return rows;
    }

    private static ObjectNode interval(double[] row) {
        ObjectNode node = JSON.createObjectNode();
        node.put("mean", row[0] / 100)
                .put("low", row[1] / 100)
                .put("high", row[2] / 100)
                .put("count", 6)
                .put("method", "t");
        return node;
    }

    /** A scores response ({@code partial}, {@code scores: ScoreTable}) with pooled and per-direction effects. */
    private static JsonNode scores(Map<String, double[][]> effects) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode table = root.putObject("scores");
        table.putArray("arms");
        ArrayNode list = table.putArray("effects");
        effects.forEach((name, rows) -> {
            for (int i = 0; i < rows.length; i++) {
                for (String direction : List.of("a-to-b", "pooled")) {
                    ObjectNode e = list.addObject();
                    e.put("direction", direction).put("effect", name).put("n", i + 1);
                    // the per-direction rows carry the opposite sign: only the pooled ones may count
                    double[] row =
                            direction.equals("pooled") ? rows[i] : new double[] {-rows[i][0], -rows[i][2], -rows[i][1]};
                    e.set("value", interval(row));
                }
            }
        });
        return root;
    }

    private static JsonNode comparison(double[][] rows) {
        ObjectNode root = JSON.createObjectNode().put("effect", "transfer-gap");
        ArrayNode treatments = root.putArray("treatments");
        ObjectNode treatment = treatments.addObject().put("experimentId", "dissimilar");
        ArrayNode list = treatment.putArray("rows");
        for (int i = 0; i < rows.length; i++) {
            ObjectNode row = list.addObject().put("direction", "pooled").put("n", i + 1);
            row.set("difference", interval(rows[i]));
        }
        return root;
    }

    private static Map<String, Verdict> verdicts(List<Finding> findings) {
        return Map.of(
                "dip",
                findings.get(0).verdict(),
                "decline",
                findings.get(1).verdict(),
                "finetuned",
                findings.get(2).verdict(),
                "dissimilar",
                findings.get(3).verdict(),
                "random",
                findings.get(4).verdict());
    }

    @Test
    void thePapersPatternHoldsEverywhere() {
        JsonNode random = scores(Map.of(
                "co-adaptation", curve(0, -1, -3, -4, -2, 0, 0),
                "transfer-gap", curve(0, -1, -2, -3, -5, -8, -12),
                "finetune-gain-transfer", curve(1, 1, 2, 1, 2, 1, 1),
                "random-frozen-minus-transfer", curve(-1, -3, -10, -20, -30, -30, -25)));
        List<Finding> findings = StudyFindings.judge(random, comparison(curve(0, 0, -1, -2, -3, -5, -8)));

        assertThat(verdicts(findings))
                .containsOnly(
                        Map.entry("dip", Verdict.HOLDS),
                        Map.entry("decline", Verdict.HOLDS),
                        Map.entry("finetuned", Verdict.HOLDS),
                        Map.entry("dissimilar", Verdict.HOLDS),
                        Map.entry("random", Verdict.HOLDS));
        assertThat(findings.get(1).evidence()).contains("n=7: -12.0 [-12.5, -11.5]");
    }

    @Test
    void tightIntervalsAroundZeroOrTheOppositeSignDoNotHold() {
        JsonNode random = scores(Map.of(
                "co-adaptation", curve(0.2, 0.1, 0, 0.3, 0.2, 0.1, 0),
                "transfer-gap", curve(0, 0, 0, 0.1, 0.2, 0, -0.2),
                "finetune-gain-transfer", curve(0, -1, -3, -1, 0, 0, 0),
                "random-frozen-minus-transfer", curve(0, 1, 2, 3, 3, 3, 3)));
        List<Finding> findings = StudyFindings.judge(random, comparison(curve(0, 0, 0, 0, 0.5, 1, 2)));

        assertThat(verdicts(findings))
                .containsOnly(
                        Map.entry("dip", Verdict.DOES_NOT_HOLD),
                        Map.entry("decline", Verdict.DOES_NOT_HOLD),
                        Map.entry("finetuned", Verdict.DOES_NOT_HOLD),
                        Map.entry("dissimilar", Verdict.DOES_NOT_HOLD),
                        Map.entry("random", Verdict.DOES_NOT_HOLD));
    }

    @Test
    void wideIntervalsAreInconclusive() {
        JsonNode random = scores(Map.of(
                "co-adaptation", wide(0, -1, -3, -4, -2, 0, 0),
                "transfer-gap", wide(0, -1, -2, -3, -4, -4, -4),
                "finetune-gain-transfer", wide(1, 1, 2, 1, 2, 1, 1),
                "random-frozen-minus-transfer", wide(-1, -3, -4, -4, -4, -4, -4)));
        List<Finding> findings = StudyFindings.judge(random, comparison(wide(0, 0, -1, -2, -3, -4, -4)));

        assertThat(findings).extracting(Finding::verdict).containsOnly(Verdict.INCONCLUSIVE);
    }

    @Test
    void aDipMustBeBelowBothEndsAndAMonotoneFallIsNoDip() {
        JsonNode falling = scores(Map.of("co-adaptation", curve(0, -1, -2, -3, -4, -5, -6)));
        assertThat(StudyFindings.judge(falling, null).get(0).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void missingNumbersAreInconclusiveAndSaySo() {
        List<Finding> findings = StudyFindings.judge(scores(Map.of()), null);

        assertThat(findings).hasSize(5).extracting(Finding::verdict).containsOnly(Verdict.INCONCLUSIVE);
        assertThat(findings.get(3).evidence()).startsWith("no numbers for");
        assertThat(StudyFindings.markdown(findings))
                .contains("| 4. Dissimilar halves transfer worse | **inconclusive** |");
    }

    @Test
    void aSingleSampleHasNoIntervalAndDecidesNothing() {
        ObjectNode root = (ObjectNode) scores(Map.of("transfer-gap", curve(0, -1, -2, -3, -5, -8, -12)));
        for (JsonNode e : root.path("scores").path("effects")) {
            ((ObjectNode) e.path("value"))
                    .putNull("low")
                    .putNull("high")
                    .put("count", 1)
                    .put("method", "none");
        }
        Finding decline = StudyFindings.judge(root, null).get(1);

        assertThat(decline.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(decline.evidence()).contains("n=7: -12.0 (one sample)");
    }
}

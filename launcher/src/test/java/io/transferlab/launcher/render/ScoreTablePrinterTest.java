package io.transferlab.launcher.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.EventCodec;
import org.junit.jupiter.api.Test;

class ScoreTablePrinterTest {

    private static final String SCORES = """
            {"experimentId":"exp1","scores":{"arms":[
              {"direction":"a-to-b","arm":"base","n":0,"accuracy":{"mean":0.91,"low":0.9,"high":0.92,"count":1,"method":"t"}},
              {"direction":"a-to-b","arm":"transfer","n":1,"accuracy":{"mean":0.905,"count":1}},
              {"direction":"a-to-b","arm":"selffer","n":1,"accuracy":{"mean":0.9,"count":1}}],
             "effects":[{"direction":"a-to-b","effect":"generality","n":1,"value":{"mean":-0.005,"count":1}}],
             "jobsDone":3,"jobsTotal":3}}
            """;

    @Test
    void scoreTableShowsArmsPerCutAndEffects() throws Exception {
        String text = ScoreTablePrinter.render(EventCodec.mapper().readTree(SCORES));

        assertThat(text)
                .contains("Top-1 accuracy, a-to-b (%):")
                .contains("91.0 [90.0, 92.0]")
                .contains("90.5")
                .contains("Effects, a-to-b (percentage points):")
                .contains("-0.5")
                .contains("jobs: 3/3");
        assertThat(text.lines().filter(l -> l.trim().startsWith("1 ")).findFirst())
                .get()
                .asString()
                .contains("90.5")
                .contains("90.0");
    }

    @Test
    void aDirectionWithoutAnyNumberIsNotPrinted() throws Exception {
        String scores = """
                {"arms":[
                  {"direction":"a-to-b","arm":"base","n":0,"accuracy":{"mean":0.91,"count":1}},
                  {"direction":"b-to-a","arm":"base","n":0,"accuracy":null},
                  {"direction":"b-to-a","arm":"transfer","n":1}],
                 "effects":[{"direction":"a-to-b","effect":"generality","n":1,"value":{"mean":-0.005,"count":1}},
                  {"direction":"pooled","effect":"generality","n":1,"value":null}]}
                """;

        String text = ScoreTablePrinter.render(EventCodec.mapper().readTree(scores));

        assertThat(text)
                .contains("Top-1 accuracy, a-to-b")
                .contains("Effects, a-to-b")
                .doesNotContain("b-to-a")
                .doesNotContain("pooled");
    }
}

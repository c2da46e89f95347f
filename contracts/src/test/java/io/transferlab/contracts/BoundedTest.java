package io.transferlab.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.events.ExperimentRejected;
import io.transferlab.contracts.model.Problem;
import io.transferlab.contracts.model.Problems;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Answers stay small whatever the input held. */
class BoundedTest {

    @Test
    void shortTextIsKeptAndLongTextKeepsItsStartLengthAndDigest() {
        String huge = "ab".repeat(50_000);

        assertThat(Bounded.text("short", 100)).isEqualTo("short");
        assertThat(Bounded.text(null, 100)).isNull();
        String cut = Bounded.id(huge);
        assertThat(cut)
                .hasSizeLessThanOrEqualTo(Bounded.ID)
                .startsWith("abab")
                .endsWith("…[100000 chars, sha256 " + Bounded.sha256Hex(huge.getBytes(StandardCharsets.UTF_8)) + "]");
    }

    @Test
    void aRejectionOf30000ProblemsListsFiftyAndCountsTheRest() {
        List<Problem> problems = IntStream.range(0, 30_000)
                .mapToObj(i -> new Problem("seeds[" + i + "]", "must be a non-negative integer, got -" + i))
                .toList();

        ExperimentRejected rejected =
                new ExperimentRejected(null, null, 0, "e".repeat(5_000), "i".repeat(5_000), problems);

        assertThat(rejected.problems()).hasSize(Problems.MAX);
        assertThat(rejected.problems().get(0).field()).isEqualTo("seeds[0]");
        assertThat(rejected.problems().get(Problems.MAX - 1))
                .isEqualTo(new Problem("$", "and " + (30_000 - Problems.MAX + 1) + " more problems not listed"));
        assertThat(rejected.experimentId()).hasSizeLessThanOrEqualTo(Bounded.ID).contains("5000 chars");
        assertThat(rejected.requestEventId()).hasSizeLessThanOrEqualTo(Bounded.ID);
        assertThat(EventCodec.toJson(rejected).length).isLessThan(16 * 1024);
    }

    @Test
    void aProblemQuotingAHugeValueStaysSmall() {
        Problem problem = new Problem("f".repeat(10_000), "got " + "x".repeat(1_000_000));

        assertThat(problem.field()).hasSizeLessThanOrEqualTo(Bounded.ID);
        assertThat(problem.problem()).hasSizeLessThanOrEqualTo(Bounded.TEXT).startsWith("got xxx");
    }
}

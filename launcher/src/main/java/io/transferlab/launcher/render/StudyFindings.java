package io.transferlab.launcher.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * The paper's five findings judged on a study's scores by rules fixed before any study was run
 * (docs/RESULTS.md): each is {@code holds}, {@code does not hold} or {@code inconclusive} from the pooled 95%
 * intervals the analytics computed (both directions, paired within a replicate). A finding holds when the
 * intervals show the paper's effect; it does not hold when they exclude it (or show the opposite beyond a
 * margin of one accuracy point); otherwise the run is too small or too noisy to tell.
 */
public final class StudyFindings {

    /** One accuracy point: the smallest difference a "does not hold" must rule out. */
    public static final double MARGIN = 0.01;

    static final String POOLED = "pooled";

    private StudyFindings() {}

    /** A verdict and the numbers behind it. */
    public record Finding(String name, String paper, String rule, Verdict verdict, String evidence) {}

    public enum Verdict {
        HOLDS("holds"),
        DOES_NOT_HOLD("does not hold"),
        INCONCLUSIVE("inconclusive");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** One pooled interval of an effect at one layer cut; low and high are absent for a single sample. */
    record Point(int n, double mean, Double low, Double high) {
        boolean below(double x) {
            return high != null && high < x;
        }

        boolean above(double x) {
            return low != null && low > x;
        }

        String text() {
            String shown = String.format(Locale.ROOT, "%+.1f", mean * 100);
            return low == null || high == null
                    ? "n=" + n + ": " + shown + " (one sample)"
                    : String.format(Locale.ROOT, "n=%d: %s [%+.1f, %+.1f]", n, shown, low * 100, high * 100);
        }
    }

    /**
     * Judges the five findings.
     *
     * @param random      the random-split experiment's score table ({@code GET /experiments/{id}/scores})
     * @param transferGap the comparison of the dissimilar split's transfer gap against the random split's
     *                    ({@code GET /comparisons?reference=<random>&treatment=<dissimilar>&effect=transfer-gap}), or
     *                    null when it is missing
     */
    public static List<Finding> judge(JsonNode random, JsonNode transferGap) {
        JsonNode table = ScoreTablePrinter.findTable(random);
        List<Finding> findings = new ArrayList<>();
        findings.add(selfferDip(effect(table, "co-adaptation")));
        findings.add(transferDecline(effect(table, "transfer-gap")));
        findings.add(fineTunedAtBase(effect(table, "finetune-gain-transfer")));
        findings.add(dissimilarFallsFaster(comparison(transferGap)));
        findings.add(randomFrozenWorst(effect(table, "random-frozen-minus-transfer")));
        return findings;
    }

    static Finding selfferDip(List<Point> coAdaptation) {
        String name = "1. Selffer dip (co-adaptation)";
        String paper = "BnB falls below baseB at middle cuts (n = 3 to 5 in the paper) and recovers at n = 6, 7";
        String rule =
                "holds if BnB - base is significantly below 0 at some n in 2..6 whose mean is also below the means"
                        + " at n = 1 and n = 7; does not hold if at every n in 2..6 the interval's low end is above -1 point;"
                        + " else inconclusive";
        Optional<Point> one = at(coAdaptation, 1);
        Optional<Point> seven = at(coAdaptation, 7);
        List<Point> middle = between(coAdaptation, 2, 6);
        if (middle.isEmpty()) {
            return missing(name, paper, rule, "co-adaptation");
        }
        boolean dip = middle.stream()
                .anyMatch(p -> p.below(0)
                        && one.map(o -> p.mean() < o.mean()).orElse(true)
                        && seven.map(s -> p.mean() < s.mean()).orElse(true));
        boolean excluded = middle.stream().allMatch(p -> p.above(-MARGIN));
        Verdict verdict = dip ? Verdict.HOLDS : excluded ? Verdict.DOES_NOT_HOLD : Verdict.INCONCLUSIVE;
        return new Finding(name, paper, rule, verdict, "BnB - base: " + texts(coAdaptation));
    }

    static Finding transferDecline(List<Point> transferGap) {
        String name = "2. Transfer declines with depth";
        String paper = "AnB falls further below baseB the more layers are copied frozen (n = 6, 7 worst)";
        String rule = "holds if AnB - base at n = 7 is significantly below 0 and below its mean at n = 1; does not hold"
                + " if its interval at n = 7 has a low end above -1 point; else inconclusive";
        Optional<Point> one = at(transferGap, 1);
        Optional<Point> seven = at(transferGap, 7);
        if (seven.isEmpty()) {
            return missing(name, paper, rule, "transfer-gap at n = 7");
        }
        Point last = seven.get();
        boolean declines = last.below(0) && one.map(o -> last.mean() < o.mean()).orElse(false);
        Verdict verdict = declines ? Verdict.HOLDS : last.above(-MARGIN) ? Verdict.DOES_NOT_HOLD : Verdict.INCONCLUSIVE;
        return new Finding(name, paper, rule, verdict, "AnB - base: " + texts(transferGap));
    }

    static Finding fineTunedAtBase(List<Point> gain) {
        String name = "3. Fine-tuned transfer at or above base";
        String paper = "AnB+ matches or beats baseB at every n (transfer plus fine-tuning generalises better)";
        String rule = "holds if at every n the interval of AnB+ - base has a low end above -1 point; does not hold if"
                + " at some n it lies entirely below 0; else inconclusive";
        if (gain.isEmpty()) {
            return missing(name, paper, rule, "finetune-gain-transfer");
        }
        Verdict verdict = gain.stream().anyMatch(p -> p.below(0))
                ? Verdict.DOES_NOT_HOLD
                : gain.stream().allMatch(p -> p.above(-MARGIN)) ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
        return new Finding(name, paper, rule, verdict, "AnB+ - base: " + texts(gain));
    }

    static Finding dissimilarFallsFaster(List<Point> difference) {
        String name = "4. Dissimilar halves transfer worse";
        String paper = "with dissimilar halves (man-made vs natural in the paper) AnB falls faster with depth than with"
                + " random halves";
        String rule = "on the transfer gap AnB - base, dissimilar minus random (Welch interval, independent"
                + " experiments): holds if significantly below 0 at n = 7; does not hold if its low end at n = 7 is"
                + " above -1 point; else inconclusive";
        Optional<Point> seven = at(difference, 7);
        if (seven.isEmpty()) {
            return missing(name, paper, rule, "the dissimilar-versus-random comparison at n = 7");
        }
        Point last = seven.get();
        Verdict verdict =
                last.below(0) ? Verdict.HOLDS : last.above(-MARGIN) ? Verdict.DOES_NOT_HOLD : Verdict.INCONCLUSIVE;
        return new Finding(name, paper, rule, verdict, "dissimilar minus random transfer gap: " + texts(difference));
    }

    static Finding randomFrozenWorst(List<Point> versusTransfer) {
        String name = "5. Random frozen features are worst";
        String paper = "frozen random layers fall below transferred ones, sharply from n = 3 on";
        String rule = "holds if random-frozen - AnB is significantly below 0 at every n in 3..7; does not hold if at"
                + " some n in 3..7 it is significantly above 0; else inconclusive";
        List<Point> deep = between(versusTransfer, 3, 7);
        if (deep.isEmpty()) {
            return missing(name, paper, rule, "random-frozen-minus-transfer");
        }
        Verdict verdict = deep.size() == 5 && deep.stream().allMatch(p -> p.below(0))
                ? Verdict.HOLDS
                : deep.stream().anyMatch(p -> p.above(0)) ? Verdict.DOES_NOT_HOLD : Verdict.INCONCLUSIVE;
        return new Finding(name, paper, rule, verdict, "random-frozen - AnB: " + texts(versusTransfer));
    }

    /** The findings as a markdown section. */
    public static String markdown(List<Finding> findings) {
        StringBuilder out = new StringBuilder("## The paper's findings at this scale\n\n");
        out.append("Pooled over both directions, 95% intervals in accuracy points; rules fixed before the run"
                + " (docs/RESULTS.md).\n\n");
        out.append("| finding | verdict | numbers |\n| --- | --- | --- |\n");
        for (Finding f : findings) {
            out.append("| ")
                    .append(f.name())
                    .append(" | **")
                    .append(f.verdict().words())
                    .append("** | ")
                    .append(f.evidence())
                    .append(" |\n");
        }
        out.append("\nRules:\n\n");
        for (Finding f : findings) {
            out.append("- ")
                    .append(f.name())
                    .append(" (paper: ")
                    .append(f.paper())
                    .append("): ")
                    .append(f.rule())
                    .append(".\n");
        }
        return out.toString();
    }

    private static Finding missing(String name, String paper, String rule, String what) {
        return new Finding(name, paper, rule, Verdict.INCONCLUSIVE, "no numbers for " + what);
    }

    static List<Point> effect(JsonNode table, String effect) {
        List<Point> points = new ArrayList<>();
        if (table == null) {
            return points;
        }
        for (JsonNode e : table.path("effects")) {
            if (effect.equals(e.path("effect").asText())
                    && POOLED.equals(e.path("direction").asText())) {
                point(e.path("n").asInt(), e.path("value")).ifPresent(points::add);
            }
        }
        points.sort((a, b) -> Integer.compare(a.n(), b.n()));
        return points;
    }

    static List<Point> comparison(JsonNode response) {
        List<Point> points = new ArrayList<>();
        if (response == null) {
            return points;
        }
        for (JsonNode treatment : response.path("treatments")) {
            for (JsonNode row : treatment.path("rows")) {
                if (POOLED.equals(row.path("direction").asText())) {
                    point(row.path("n").asInt(), row.path("difference")).ifPresent(points::add);
                }
            }
        }
        points.sort((a, b) -> Integer.compare(a.n(), b.n()));
        return points;
    }

    private static Optional<Point> point(int n, JsonNode interval) {
        OptionalDouble mean = number(interval.path("mean"));
        if (mean.isEmpty()) {
            return Optional.empty();
        }
        OptionalDouble low = number(interval.path("low"));
        OptionalDouble high = number(interval.path("high"));
        return Optional.of(new Point(
                n,
                mean.getAsDouble(),
                low.isPresent() ? low.getAsDouble() : null,
                high.isPresent() ? high.getAsDouble() : null));
    }

    private static OptionalDouble number(JsonNode node) {
        return node.isNumber() && Double.isFinite(node.asDouble())
                ? OptionalDouble.of(node.asDouble())
                : OptionalDouble.empty();
    }

    private static Optional<Point> at(List<Point> points, int n) {
        return points.stream().filter(p -> p.n() == n).findFirst();
    }

    private static List<Point> between(List<Point> points, int from, int to) {
        Predicate<Point> inRange = p -> p.n() >= from && p.n() <= to;
        return points.stream().filter(inRange).toList();
    }

    private static String texts(List<Point> points) {
        return String.join("; ", points.stream().map(Point::text).toList());
    }
}

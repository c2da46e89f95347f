package io.transferlab.analytics.ledger;

import io.transferlab.contracts.model.JobResult;
import io.transferlab.contracts.model.TrainingSettings;

/**
 * Which of a job's accuracies the scores use. {@link #SUMMARY} (the default) is the paper's rule, the
 * mean of the 10 best periodic validation accuracies; {@link #TEST} is top-1 on the held-out test images.
 */
public enum AccuracyMetric {
    SUMMARY,
    TEST;

    /** The chosen accuracy, or the other one when a trainer did not report it; null when neither is there. */
    public Double pick(JobResult result) {
        Double preferred = this == SUMMARY ? result.summaryTop1() : result.testTop1();
        Double fallback = this == SUMMARY ? result.testTop1() : result.summaryTop1();
        return preferred != null ? preferred : fallback;
    }

    /** True when {@link #pick} had to fall back to the other accuracy. */
    public boolean fellBack(JobResult result) {
        return (this == SUMMARY ? result.summaryTop1() : result.testTop1()) == null;
    }

    /** Name of the summary rule of results that predate {@code JobResult.summaryMetric}. */
    public static final String LEGACY_SUMMARY = "best10-or-all";

    /**
     * The rule behind the number {@link #pick} takes from this result: {@code test-top1}, or the trainer's
     * {@code summaryMetric} ({@value #LEGACY_SUMMARY} when the result predates it); null when it has neither.
     */
    public String ruleOf(JobResult result) {
        String summary = result.summaryTop1() == null
                ? null
                : result.summaryMetric() == null ? LEGACY_SUMMARY : result.summaryMetric();
        String test = result.testTop1() == null ? null : TrainingSettings.TEST_TOP1;
        if (this == SUMMARY) {
            return summary != null ? summary : test;
        }
        return test != null ? test : summary;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

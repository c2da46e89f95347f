package io.transferlab.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.transferlab.analytics.ledger.AccuracyMetric;
import io.transferlab.analytics.scoring.ScoringOptions;
import java.time.Duration;

/** The analytics service's settings ({@code transferlab.analytics.*}; environment variables override). */
@ConfigMapping(prefix = "transferlab.analytics")
public interface AnalyticsConfig {
    /** How many experiments (most recently active first) have per-experiment metrics: bounds cardinality. */
    @WithDefault("20")
    int recentExperiments();

    /** {@code summary} (the paper's rule, mean of the 10 best validations) or {@code test} (held-out top-1). */
    @WithDefault("summary")
    AccuracyMetric accuracyMetric();

    /** Publish {@code TransferScoresComputed} on {@code transferlab.scores} as results arrive. */
    @WithDefault("true")
    boolean publishScores();

    Consumer consumer();

    interface Consumer {
        /** Off only for tools that feed the service another way. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("500ms")
        Duration pollTimeout();

        /**
         * How often the changed ledgers are written to the compacted state topic; a restart reads only the
         * events after the last snapshot.
         */
        @WithDefault("10s")
        Duration snapshotInterval();
    }

    default ScoringOptions scoringOptions() {
        return ScoringOptions.defaults();
    }
}

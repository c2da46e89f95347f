package io.transferlab.launcher.cli;

import picocli.CommandLine.Option;

/** {@code --analytics}: the analytics service's base URL. */
public class AnalyticsOption {

    @Option(
            names = "--analytics",
            description = "analytics URL (default: $ANALYTICS_URL, the stack of"
                    + " ./transferlab up, or http://localhost:8083)")
    String analytics;

    /** The option, else the environment, else the stack of {@code up} in {@code state}, else the default port. */
    public String resolve(StateDirOption state) {
        return Endpoints.analytics(analytics, state.dir());
    }
}

package io.transferlab.launcher.cli;

import picocli.CommandLine.Option;

/** {@code --coordinator}: the coordinator's base URL. */
public class CoordinatorOption {

    @Option(
            names = "--coordinator",
            description = "coordinator URL (default: $COORDINATOR_URL, the stack of"
                    + " ./transferlab up, or http://localhost:8081)")
    String coordinator;

    /** The option, else the environment, else the stack of {@code up} in {@code state}, else the default port. */
    public String resolve(StateDirOption state) {
        return Endpoints.coordinator(coordinator, state.dir());
    }
}

package io.transferlab.launcher.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --state-dir}: where {@code ./transferlab up} keeps its pid, {@code stack.env} and log. */
public class StateDirOption {

    @Option(
            names = "--state-dir",
            defaultValue = "${env:TRANSFERLAB_STATE_DIR:-.transferlab}",
            description = "state folder of ./transferlab up (default ${DEFAULT-VALUE})")
    Path stateDir;

    /** The folder, absolute. */
    public Path dir() {
        return stateDir.toAbsolutePath();
    }
}

package io.transferlab.launcher.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What the commands that run experiments on a stack of their own ({@code demo}, {@code study}) share. */
public class RunOptions {

    @Option(names = "--keep-state", description = "keep the broker, S3 and log folder after the run")
    boolean keepState;

    /** Starts the stack for a run named {@code name}, its state kept after the run per {@code --keep-state}. */
    StackSession start(StackOptions stack, Path dataDir, String name, PrintStream err) throws IOException {
        return StackSession.start(stack, dataDir, name, keepState, err);
    }
}

package io.transferlab.launcher.cli;

import io.transferlab.launcher.render.ProgressTracker;
import io.transferlab.launcher.stack.Stack;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;

/**
 * A whole local stack for one command run ({@code demo}, {@code study}): started in a temporary state folder,
 * stopped on close, also on Ctrl-C; the state and logs are deleted after a success and kept otherwise.
 */
final class StackSession implements AutoCloseable {
    private final Stack stack;
    private final Path stateDir;
    private final PrintStream err;
    private final Thread hook;
    private boolean keepState;
    private boolean succeeded;

    private StackSession(Stack stack, Path stateDir, PrintStream err, boolean keepState) {
        this.stack = stack;
        this.stateDir = stateDir;
        this.err = err;
        this.keepState = keepState;
        this.hook = new Thread(
                () -> {
                    if (!stack.isClosed()) {
                        err.println();
                        err.println("transferlab: interrupted: stopping everything ...");
                        stack.close();
                        err.println("transferlab: stopped; state and logs kept in " + stateDir);
                    }
                },
                "stack-session-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts Kafka, S3 and the three services, the trainer reading datasets from {@code dataDir}. */
    static StackSession start(StackOptions options, Path dataDir, String name, boolean keepState, PrintStream err)
            throws IOException {
        Path stateDir = Files.createTempDirectory("transferlab-" + name + "-");
        Stack stack;
        try {
            stack = Stack.start(
                    options.toConfig(stateDir, true).withDataDir(dataDir), line -> err.println("transferlab: " + line));
        } catch (RuntimeException e) {
            deleteQuietly(stateDir);
            throw e;
        }
        stack.onRestart(() -> {});
        return new StackSession(stack, stateDir, err, keepState);
    }

    Stack stack() {
        return stack;
    }

    /** Jobs the stack's trainer trains side by side. */
    int trainerSlots() {
        return stack.trainerSlots().jobs();
    }

    Path logs() {
        return stateDir.resolve("logs");
    }

    /** Keep the state folder whatever happens (for example after a failed experiment). */
    void keepState() {
        keepState = true;
    }

    /** Says how an experiment ended without completing, points at the logs and keeps them. */
    void unfinished(ProgressTracker tracker) {
        err.println("transferlab: experiment " + tracker.experimentId() + " "
                + tracker.phase().name().toLowerCase(Locale.ROOT) + ": " + tracker.reason()
                + " (logs: " + logs() + ")");
        keepState();
    }

    void succeeded() {
        succeeded = true;
    }

    @Override
    public void close() {
        err.println("transferlab: stopping everything ...");
        stack.close();
        if (!keepState && succeeded) {
            deleteQuietly(stateDir);
        } else {
            err.println("transferlab: state and logs kept in " + stateDir);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook found the stack closed
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}

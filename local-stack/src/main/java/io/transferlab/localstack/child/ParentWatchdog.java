package io.transferlab.localstack.child;

import io.transferlab.localstack.ChildJvm;
import java.util.Optional;

/** Ends this child JVM when the JVM that started it is gone, so that no broker outlives its test run. */
final class ParentWatchdog {

    private ParentWatchdog() {}

    static void startIfRequested() {
        String pid = System.getProperty(ChildJvm.PARENT_PID_PROPERTY);
        if (pid == null || pid.isBlank()) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(pid.trim()));
        if (parent.isEmpty()) {
            System.err.println("Parent process " + pid + " is gone; exiting");
            Runtime.getRuntime().halt(3);
        }
        parent.get().onExit().thenRun(() -> {
            System.err.println("Parent process " + pid + " exited; shutting down");
            System.exit(0);
        });
    }
}

package io.transferlab.launcher.cli;

import io.transferlab.launcher.stack.StateDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Stops what {@code up} started, and nothing else. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the stack that ./transferlab up started.")
public class DownCommand implements Callable<Integer> {

    @Mixin
    StateDirOption stateOption;

    @Override
    public Integer call() throws Exception {
        StateDir state = new StateDir(stateOption.dir());
        Map<String, String> env = state.env();
        Optional<ProcessHandle> supervisor = state.supervisorPid()
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(DownCommand::isSupervisor);
        if (supervisor.isEmpty() && env.isEmpty()) {
            System.err.println("transferlab: nothing to stop (no stack from ./transferlab up in " + state.dir() + ")");
            state.clear();
            return 0;
        }
        if (supervisor.isPresent()) {
            ProcessHandle handle = supervisor.get();
            System.err.println("transferlab: stopping the stack (supervisor pid " + handle.pid() + ") ...");
            handle.destroy();
            if (!awaitExit(handle, Duration.ofSeconds(120))) {
                handle.destroyForcibly();
                awaitExit(handle, Duration.ofSeconds(10));
            }
        }
        // A supervisor killed with SIGKILL leaves the services behind: stop exactly the recorded ones.
        killLeftovers(env);
        state.clear();
        System.err.println("transferlab: stopped");
        return 0;
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean isSupervisor(ProcessHandle handle) {
        return commandLine(handle)
                .map(c -> c.contains(TransferLabCli.class.getName()) && c.contains("supervise"))
                .orElse(false);
    }

    /**
     * The whole command line of a process: from {@code /proc/<pid>/cmdline} where there is one, because
     * {@link ProcessHandle.Info#commandLine()} gives up on a command line longer than a page (a JVM started with a
     * long class path, like the supervisor and the local Kafka and S3 processes); else what the JDK knows.
     */
    static Optional<String> commandLine(ProcessHandle handle) {
        Path proc = Path.of("/proc", Long.toString(handle.pid()), "cmdline");
        try {
            byte[] bytes = Files.readAllBytes(proc);
            if (bytes.length > 0) {
                return Optional.of(new String(bytes, StandardCharsets.UTF_8)
                        .replace('\0', ' ')
                        .trim());
            }
        } catch (IOException | SecurityException e) {
            // no /proc here, or the process is gone
        }
        return handle.info().commandLine();
    }

    private static void killLeftovers(Map<String, String> env) {
        Map<String, String> markers = Map.of(
                "COORDINATOR_PID",
                "services/coordinator/",
                "TRAINER_PID",
                "services/trainer/",
                "ANALYTICS_PID",
                "services/analytics/",
                "KAFKA_PID",
                "io.transferlab.localstack.child.KafkaMain",
                "S3PROXY_PID",
                "io.transferlab.localstack.child.S3ProxyMain");
        markers.forEach((key, marker) -> {
            String pid = env.get(key);
            if (pid == null) {
                return;
            }
            ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive).ifPresent(h -> {
                Optional<String> commandLine = commandLine(h);
                if (commandLine.map(c -> c.contains(marker)).orElse(false)) {
                    System.err.println("transferlab: stopping leftover "
                            + key.replace("_PID", "").toLowerCase() + " (pid " + h.pid() + ")");
                    h.destroy();
                    if (!awaitExit(h, Duration.ofSeconds(30))) {
                        h.destroyForcibly();
                        awaitExit(h, Duration.ofSeconds(10));
                    }
                } else if (commandLine.isEmpty()) {
                    // on its way out (the supervisor stopped it; a dying process has no command line): let it go
                    awaitExit(h, Duration.ofSeconds(30));
                }
            });
        });
    }
}

package io.transferlab.launcher.cli;

import io.transferlab.launcher.stack.StateDir;
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
            try {
                handle.onExit().get(120, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                handle.destroyForcibly();
            }
        }
        // A supervisor killed with SIGKILL leaves the services behind: stop exactly the recorded ones.
        killLeftovers(env);
        state.clear();
        System.err.println("transferlab: stopped");
        return 0;
    }

    static boolean isSupervisor(ProcessHandle handle) {
        return handle.info()
                .commandLine()
                .map(c -> c.contains(TransferLabCli.class.getName()) && c.contains("supervise"))
                .orElse(false);
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
            ProcessHandle.of(Long.parseLong(pid))
                    .filter(ProcessHandle::isAlive)
                    .filter(h ->
                            h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                    .ifPresent(h -> {
                        System.err.println("transferlab: stopping leftover "
                                + key.replace("_PID", "").toLowerCase() + " (pid " + h.pid() + ")");
                        h.destroy();
                        try {
                            h.onExit().get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
                        } catch (Exception e) {
                            h.destroyForcibly();
                        }
                    });
        });
    }
}

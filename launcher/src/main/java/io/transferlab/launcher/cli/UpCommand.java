package io.transferlab.launcher.cli;

import io.transferlab.launcher.LauncherException;
import io.transferlab.launcher.stack.Preflight;
import io.transferlab.launcher.stack.StackConfig;
import io.transferlab.launcher.stack.StateDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Starts the stack in the background (a supervisor process that restarts dying services) and
 * returns once everything is healthy, printing shell-evaluable lines.
 */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Start the local stack in the background and print where it is.",
            "Kafka, S3Proxy and the three services, supervised (a dying service is restarted with backoff).",
            "Prints KEY=value lines: eval \"$(./transferlab up)\". Stop it with ./transferlab down."
        })
public class UpCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Mixin
    StateDirOption stateOption;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Preflight.requireJava(Runtime.version().feature());
        StackConfig config = stack.toConfig(stateOption.dir(), true);
        Preflight.requireServiceJars(config);
        StateDir state = new StateDir(stateOption.dir());
        var existing = state.supervisorPid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (existing.isPresent()) {
            throw new LauncherException(
                    "A stack is already up (supervisor pid " + existing.get().pid() + "); ./transferlab down stops it");
        }
        state.clear();
        if (!Files.isDirectory(stack.dataDir.resolve("fashion-mnist"))) {
            System.err.println("transferlab: warning: no fashion-mnist under " + stack.dataDir
                    + "; install it with sudo apt-get install dataset-fashion-mnist");
        }
        Files.createDirectories(state.dir());
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid"); // own session: a closed terminal does not take the stack down
        }
        command.add(io.transferlab.localstack.ChildJvm.javaExecutable());
        command.add("-Xmx128m");
        command.add("-Dtransferlab.home=" + StackOptions.projectDir());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TransferLabCli.class.getName());
        command.add("supervise");
        command.add("--state-dir");
        command.add(state.dir().toString());
        command.addAll(stack.toArguments());
        Process supervisor = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(state.logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        System.err.println("transferlab: starting the stack in the background (log: " + state.logFile() + ") ...");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(stack.healthTimeoutSeconds * 2L + 180));
        while (!Files.exists(state.envFile())) {
            if (supervisor.waitFor(500, TimeUnit.MILLISECONDS)) {
                throw new LauncherException("The stack did not start; last lines of " + state.logFile() + ":\n"
                        + io.transferlab.localstack.ChildJvm.tail(state.logFile(), 40));
            }
            if (Instant.now().isAfter(deadline)) {
                supervisor.destroy();
                throw new LauncherException("The stack did not become healthy in time; last lines of " + state.logFile()
                        + ":\n" + io.transferlab.localstack.ChildJvm.tail(state.logFile(), 40));
            }
        }
        Map<String, String> lines = state.env();
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.print(StateDir.format(lines));
        out.println("SUPERVISOR_PID=" + state.supervisorPid().orElse(supervisor.pid()));
        out.flush();
        return 0;
    }
}

package io.transferlab.launcher.cli;

import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.launcher.stack.Stack;
import io.transferlab.launcher.stack.StateDir;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The background process behind {@code up}: holds the stack, restarts dying services, stops all on SIGTERM. */
@Command(name = "supervise", hidden = true, description = "Internal: the background process of ./transferlab up.")
public class SuperviseCommand implements Callable<Integer> {

    @Mixin
    StackOptions stack;

    @Mixin
    StateDirOption stateOption;

    @Override
    public Integer call() throws InterruptedException {
        StateDir state = new StateDir(stateOption.dir());
        state.writePid(ProcessHandle.current().pid());
        Stack running;
        try {
            running = Stack.start(stack.toConfig(state.dir(), true), SuperviseCommand::log);
        } catch (RuntimeException e) {
            state.clear();
            throw e;
        }
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            log("stopping everything ...");
                            running.close();
                            state.clear();
                            log("stopped");
                        },
                        "supervise-shutdown"));
        running.onRestart(() -> state.writeEnv(running.environmentLines()));
        state.writeEnv(running.environmentLines());
        log("stack is up: " + KafkaClientConfig.redacted(running.environmentLines())); // the secret stays in stack.env
        forever.await();
        return 0;
    }

    private static void log(String line) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
        System.out.flush();
    }
}

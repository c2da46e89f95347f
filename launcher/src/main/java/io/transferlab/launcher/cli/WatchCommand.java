package io.transferlab.launcher.cli;

import io.transferlab.launcher.render.ProgressTracker;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Live progress of an experiment, from its events on Kafka, until it ends. */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = "Show an experiment's progress (overall bar, job in flight, epoch, accuracy) until it ends.")
public class WatchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID", description = "experiment id")
    String experimentId;

    @Mixin
    KafkaOption kafka;

    @Option(
            names = "--timeout",
            defaultValue = "1440",
            description = "minutes before giving up (default ${DEFAULT-VALUE})")
    int timeoutMinutes;

    @Mixin
    StateDirOption state;

    @Override
    public Integer call() {
        ProgressTracker tracker = new Follow(kafka.resolve(state), System.out, System.console() != null)
                .until(
                        new ProgressTracker(null, experimentId),
                        ProgressTracker::terminal,
                        Duration.ofMinutes(timeoutMinutes));
        System.out.println(experimentId + ": " + tracker.phase().name().toLowerCase()
                + (tracker.reason() == null ? "" : " (" + tracker.reason() + ")"));
        return TransferLabCli.exitCode(tracker.phase()).code();
    }
}

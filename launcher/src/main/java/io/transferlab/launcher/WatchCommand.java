package io.transferlab.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Live progress of an experiment, from its events on Kafka, until it ends. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Show an experiment's progress (overall bar, job in flight, epoch, accuracy) until it ends.")
public class WatchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID", description = "experiment id")
    String experimentId;

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP, the stack of"
            + " ./transferlab up, or localhost:9092)")
    String bootstrap;

    @Option(names = "--timeout", defaultValue = "1440", description = "minutes before giving up (default ${DEFAULT-VALUE})")
    int timeoutMinutes;

    @Option(names = "--state-dir", defaultValue = "${env:TRANSFERLAB_STATE_DIR:-.transferlab}", hidden = true)
    Path stateDir;

    @Override
    public Integer call() {
        ProgressTracker tracker = new Follow(Endpoints.kafka(bootstrap, stateDir), System.out, System.console() != null)
                .until(new ProgressTracker(null, experimentId), ProgressTracker::terminal,
                        Duration.ofMinutes(timeoutMinutes));
        System.out.println(experimentId + ": " + tracker.phase().name().toLowerCase()
                + (tracker.reason() == null ? "" : " (" + tracker.reason() + ")"));
        return tracker.phase() == ProgressTracker.Phase.COMPLETED ? 0 : 1;
    }
}

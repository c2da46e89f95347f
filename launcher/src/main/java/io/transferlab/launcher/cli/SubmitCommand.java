package io.transferlab.launcher.cli;

import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.model.Problem;
import io.transferlab.launcher.ExitCode;
import io.transferlab.launcher.client.KafkaEvents;
import io.transferlab.launcher.render.ProgressTracker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Publishes a request file to Kafka, as any producer would, and reports whether it was accepted. */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = {
            "Publish an experiment request file to Kafka and wait for the answer.",
            "Sends the JSON request to transferlab.experiment-requests (CloudEvents headers) on any cluster",
            "and waits until the coordinator accepts or rejects it. Prints the experiment id last."
        })
public class SubmitCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description = "the request, e.g. contracts/examples/demo-request.json")
    Path file;

    @Mixin
    KafkaOption kafkaOption;

    @Option(names = "--no-wait", description = "do not wait for the coordinator to accept or reject it")
    boolean noWait;

    @Option(
            names = "--timeout",
            defaultValue = "120",
            description = "seconds to wait for the answer (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Mixin
    StateDirOption state;

    @Override
    public Integer call() {
        ExperimentRequested request = Requests.read(file);
        String kafka = kafkaOption.resolve(state);
        KafkaEvents.publish(kafka, request);
        System.err.println("transferlab: published request " + request.eventId()
                + " to transferlab.experiment-requests at " + kafka);
        if (noWait) {
            if (request.experimentId() != null) {
                System.out.println(request.experimentId());
            }
            return 0;
        }
        ProgressTracker tracker = new Follow(kafka, System.err, false)
                .until(
                        new ProgressTracker(request.eventId(), null),
                        t -> t.phase() != ProgressTracker.Phase.SUBMITTED,
                        Duration.ofSeconds(timeoutSeconds));
        if (tracker.phase() == ProgressTracker.Phase.REJECTED) {
            System.err.println("transferlab: rejected:");
            for (Problem p : tracker.problems()) {
                System.err.println("  " + p.field() + ": " + p.problem());
            }
            return ExitCode.REJECTED.code();
        }
        System.err.println("transferlab: accepted; follow it with ./transferlab watch " + tracker.experimentId());
        System.out.println(tracker.experimentId());
        return 0;
    }
}

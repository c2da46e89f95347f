package io.transferlab.launcher.cli;

import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.model.Problem;
import io.transferlab.launcher.ExitCode;
import io.transferlab.launcher.client.KafkaEvents;
import io.transferlab.launcher.render.ComputeShare;
import io.transferlab.launcher.render.ProgressTracker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Starts everything, runs the demo experiment through Kafka, shows the result, saves the report, stops everything. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run the demo experiment end to end and save its report.",
            "Starts Kafka, S3Proxy and the three services, publishes the demo request to Kafka, shows progress,",
            "prints the score table, saves the report and stops everything. The report folder is the last line."
        })
public class DemoCommand implements Callable<Integer> {

    /** What the demo's numbers are, said before them: one short run on one split is no finding. */
    static final String SMOKE_RUN = "SMOKE RUN, NOT A FINDING: one replicate of small, short training shows that the"
            + " system works end to end; its effects have no interval and are not evidence about transferability."
            + " Run ./transferlab study for that.";

    @Mixin
    StackOptions stack;

    @Option(names = "--out", description = "report folder (default ./reports/<experiment-id>)")
    Path out;

    @Option(names = "--full", description = "the whole grid: all layer cuts, both directions, 3 seeds (hours)")
    boolean full;

    @Option(names = "--request", description = "run this request file instead of the demo preset")
    Path requestFile;

    @Option(
            names = "--timeout",
            defaultValue = "0",
            description = "minutes before giving up (default: 60, --full: none)")
    int timeoutMinutes;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        Path dataDir = stack.prepareDataDir(err);
        ExperimentRequested request = requestFile != null
                ? Requests.read(requestFile)
                : Requests.demo(StackOptions.projectDir(), full, dataDir);
        Instant started = Instant.now();
        Path dir;
        try (StackSession session = run.start(stack, dataDir, "demo", err)) {
            String bootstrap = session.stack().kafka().bootstrapServers();
            KafkaEvents.publish(bootstrap, request);
            err.println("transferlab: published request " + request.eventId() + " to transferlab.experiment-requests");
            Duration timeout = Duration.ofMinutes(timeoutMinutes > 0 ? timeoutMinutes : full ? 60L * 24 * 7 : 60);
            Follow follow = new Follow(bootstrap, err, System.console() != null);
            ProgressTracker tracker = follow.until(
                    new ProgressTracker(request.eventId(), request.experimentId()), ProgressTracker::terminal, timeout);
            String id = tracker.experimentId();
            switch (tracker.phase()) {
                case REJECTED -> {
                    err.println("transferlab: the coordinator rejected the request:");
                    for (Problem p : tracker.problems()) {
                        err.println("  " + p.field() + ": " + p.problem());
                    }
                    return ExitCode.REJECTED.code();
                }
                case FAILED, CANCELLED -> {
                    session.unfinished(tracker);
                    return TransferLabCli.exitCode(tracker.phase()).code();
                }
                default -> {}
            }
            long seconds = Duration.between(started, Instant.now()).toSeconds();
            StringBuilder header = new StringBuilder(
                    "Experiment " + id + " completed in " + seconds + " s (" + tracker.succeededJobs() + " jobs)");
            if (tracker.computeShare() != null) {
                ComputeShare share = tracker.computeShare().withSlots(session.trainerSlots());
                header.append("\nJobs computed (training steps and evaluation) for ")
                        .append(Math.round(share.computeSeconds()))
                        .append(" s of the experiment's ")
                        .append(Math.round(share.wallSeconds()))
                        .append(" s x ")
                        .append(share.slots())
                        .append(" job slots: ")
                        .append(share.breakdown())
                        .append('\n')
                        .append(share.line());
            }
            if (request.seeds().size() < 2) {
                header.append('\n').append(SMOKE_RUN);
            }
            dir = out != null ? out : Path.of("reports", id);
            FinalScores.printAndSave(session.stack().url("analytics"), id, header.toString(), dir, System.out);
            session.succeeded();
        }
        System.out.println(dir.toAbsolutePath());
        return ExitCode.OK.code();
    }
}

package io.transferlab.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.model.Problem;
import io.transferlab.launcher.ExitCode;
import io.transferlab.launcher.LauncherException;
import io.transferlab.launcher.client.Http;
import io.transferlab.launcher.client.KafkaEvents;
import io.transferlab.launcher.client.ReportDownloader;
import io.transferlab.launcher.render.ProgressTracker;
import io.transferlab.launcher.render.ScoreTablePrinter;
import io.transferlab.launcher.stack.Preflight;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Starts everything, runs the demo experiment through Kafka, shows the result, saves the report, stops everything. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the demo experiment end to end and save its report.",
                "Starts Kafka, S3Proxy and the three services, publishes the demo request to Kafka, shows progress,",
                "prints the score table, saves the report and stops everything. The report folder is the last line."})
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

    @Option(names = "--timeout", defaultValue = "0", description = "minutes before giving up (default: 60, --full: none)")
    int timeoutMinutes;

    @Option(names = "--keep-state", description = "keep the broker, S3 and log folder after the run")
    boolean keepState;

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        Preflight.requireJava(Runtime.version().feature());
        Path dataDir = DemoDataset.provide(stack.dataDir, err, System.console() != null);
        ExperimentRequested request = requestFile != null ? Requests.read(requestFile)
                : Requests.demo(StackOptions.projectDir(), full, dataDir);
        Instant started = Instant.now();
        Path index;
        try (StackSession session = StackSession.start(stack, dataDir, "demo", keepState, err)) {
            String bootstrap = session.stack().kafka().bootstrapServers();
            KafkaEvents.publish(bootstrap, request);
            err.println("transferlab: published request " + request.eventId() + " to transferlab.experiment-requests");
            Duration timeout = Duration.ofMinutes(timeoutMinutes > 0 ? timeoutMinutes : full ? 60L * 24 * 7 : 60);
            Follow follow = new Follow(bootstrap, err, System.console() != null);
            ProgressTracker tracker = follow.until(new ProgressTracker(request.eventId(), request.experimentId()),
                    ProgressTracker::terminal, timeout);
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
                    err.println("transferlab: experiment " + id + " " + tracker.phase().name().toLowerCase()
                            + ": " + tracker.reason() + " (logs: " + session.logs() + ")");
                    session.keepState();
                    return TransferLabCli.exitCode(tracker.phase()).code();
                }
                default -> {
                }
            }
            String analytics = session.stack().url("analytics");
            JsonNode scores = awaitFinalScores(analytics, id, Duration.ofMinutes(2));
            System.out.println();
            System.out.println("Experiment " + id + " completed in " + Duration.between(started, Instant.now()).toSeconds()
                    + " s (" + tracker.succeededJobs() + " jobs)");
            if (tracker.computeShare() != null) {
                System.out.println("Jobs computed (training steps and evaluation) for "
                        + Math.round(tracker.computeShare().computeSeconds()) + " s of the experiment's "
                        + Math.round(tracker.computeShare().wallSeconds()) + " s: " + tracker.computeShare().line());
            }
            if (request.seeds().size() < 2) {
                System.out.println(SMOKE_RUN);
            }
            System.out.print(ScoreTablePrinter.render(scores));
            Path dir = out != null ? out : Path.of("reports", id);
            index = ReportDownloader.download(analytics, id, dir);
            session.succeeded();
        }
        System.out.println(index.getParent().toAbsolutePath());
        return ExitCode.OK.code();
    }

    /** Analytics may fold the last job in a moment after the coordinator declares completion. */
    static JsonNode awaitFinalScores(String analytics, String id, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String url = analytics + "/experiments/" + id + "/scores";
        while (true) {
            Http.Response response = Http.get(url);
            if (response.ok()) {
                JsonNode node = response.json();
                JsonNode table = ScoreTablePrinter.findTable(node);
                boolean complete = node.has("partial") ? !node.path("partial").asBoolean()
                        : table != null && table.path("jobsTotal").asInt() > 0
                                && table.path("jobsDone").asInt() >= table.path("jobsTotal").asInt();
                if (complete || Instant.now().isAfter(deadline)) {
                    return node;
                }
            } else if (Instant.now().isAfter(deadline)) {
                throw new LauncherException("GET " + url + " answered " + response.status() + ": "
                        + Http.abbreviate(response.text()));
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }

    static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}

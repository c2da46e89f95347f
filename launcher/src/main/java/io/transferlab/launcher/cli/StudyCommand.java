package io.transferlab.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.launcher.ExitCode;
import io.transferlab.launcher.LauncherException;
import io.transferlab.launcher.client.Http;
import io.transferlab.launcher.client.KafkaEvents;
import io.transferlab.launcher.render.ProgressTracker;
import io.transferlab.launcher.render.StudyFindings;
import io.transferlab.launcher.render.StudyLedger;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The study: Fashion-MNIST, every arm at every cut in both directions with replicates on different splits, plus
 * the dissimilar split and CKA, sized to fit a time budget on this machine; writes both reports, a per-network
 * CSV with the convergence check, and a summary.
 */
@Command(
        name = "study",
        mixinStandardHelpOptions = true,
        description = {
            "Run the transferability study on Fashion-MNIST and write its reports.",
            "Random split: all six arms, n = 1..7, both directions, R replicates each on its own random split,"
                    + " CKA.",
            "Dissimilar split (clothing vs footwear and bags): base, selffer, transfer, n = 1..7, both directions,"
                    + " R seeds, CKA.",
            "Sized by images per class to fit --budget (default 90 min on 2 cores); --plan prints the plan only."
        })
public class StudyCommand implements Callable<Integer> {

    @Mixin
    StackOptions stack;

    @Option(names = "--out", description = "study folder (default ./reports/<study-id>)")
    Path out;

    @Option(
            names = "--budget",
            defaultValue = "90",
            description = "minutes the study may take here (default ${DEFAULT-VALUE})")
    int budgetMinutes;

    @Option(
            names = "--replicates",
            defaultValue = "3",
            description = "replicates (random splits; dissimilar seeds), default ${DEFAULT-VALUE}")
    int replicates;

    @Option(names = "--epochs", defaultValue = "30", description = "epochs per network (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(
            names = "--images-per-class",
            description = "training images per class (default: the most that fits --budget)")
    Integer imagesPerClass;

    @Option(names = "--cuts", split = ",", description = "layer cuts (default 1..7; fewer only for a smoke test)")
    List<Integer> cuts;

    @Option(names = "--plan", description = "print the plan and its estimated time, run nothing")
    boolean planOnly;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        StudyPlan plan = plan(Instant.now());
        printPlan(plan, System.out);
        if (planOnly) {
            return ExitCode.OK.code();
        }
        Instant started = Instant.now();
        Path dir = out != null ? out : Path.of("reports", plan.studyId());
        Files.createDirectories(dir);
        StudyLedger ledger;
        List<StudyFindings.Finding> findings;
        Map<String, ProgressTracker> trackers = new LinkedHashMap<>();
        Path dataDir = stack.prepareDataDir(err);
        try (StackSession session = run.start(stack, dataDir, "study", err)) {
            String bootstrap = session.stack().kafka().bootstrapServers();
            for (ExperimentRequested request : plan.requests()) {
                KafkaEvents.publish(bootstrap, request);
                trackers.put(request.experimentId(), new ProgressTracker(request.eventId(), request.experimentId()));
                err.println("transferlab: published " + request.experimentId());
            }
            ledger = new StudyLedger(trackers.keySet());
            follow(bootstrap, trackers, ledger, Duration.ofMinutes(Math.max(budgetMinutes * 3L, 30)), err);
            List<ProgressTracker> unfinished = trackers.values().stream()
                    .filter(t -> t.phase() != ProgressTracker.Phase.COMPLETED)
                    .toList();
            if (!unfinished.isEmpty()) {
                unfinished.forEach(session::unfinished);
                return ExitCode.FAILED.code();
            }
            String analytics = session.stack().url("analytics");
            Map<String, JsonNode> scores = new LinkedHashMap<>();
            for (String id : trackers.keySet()) {
                JsonNode table =
                        FinalScores.printAndSave(analytics, id, "Experiment " + id + ":", dir.resolve(id), System.out);
                scores.put(id, table);
                Files.writeString(dir.resolve(id).resolve("scores.json"), table.toPrettyString());
            }
            JsonNode transferGap = compare(analytics, plan, "transfer-gap", dir);
            findings = StudyFindings.judge(scores.get(plan.random().experimentId()), transferGap);
            session.succeeded();
        }
        Duration wall = Duration.between(started, Instant.now());
        Files.writeString(dir.resolve("networks.csv"), ledger.networksCsv());
        Files.writeString(
                dir.resolve("STUDY.md"),
                summary(plan, ledger, wall, started) + "\n" + StudyFindings.markdown(findings));
        int[] plateau = ledger.plateauCounts();
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "Study %s: %d jobs in %d min %02d s; %d of %d networks on a plateau (rise of"
                        + " validation top-1 within the last half of training below %.0f point)%n",
                plan.studyId(),
                ledger.completed(),
                wall.toMinutes(),
                wall.toSecondsPart(),
                plateau[1],
                plateau[0],
                StudyLedger.PLATEAU_GAIN * 100);
        findings.forEach(f -> System.out.println(f.name() + ": " + f.verdict().words()));
        System.out.println(dir.toAbsolutePath());
        return ExitCode.OK.code();
    }

    /**
     * The dissimilar split's effects against the random split's ({@code GET /comparisons}), written to
     * {@code comparisons/<effect>.json} for each contrast the paper's argument uses; returns {@code main}'s, null when
     * the analytics could not answer (the finding it serves is then inconclusive).
     */
    private static JsonNode compare(String analytics, StudyPlan plan, String main, Path dir) throws IOException {
        Path comparisons = Files.createDirectories(dir.resolve("comparisons"));
        JsonNode result = null;
        for (String effect : List.of("transfer-gap", "specificity", "co-adaptation", "generality-index")) {
            String url = analytics + "/comparisons?reference=" + plan.random().experimentId() + "&treatment="
                    + plan.dissimilar().experimentId() + "&effect=" + effect;
            Http.Response response = Http.get(url);
            if (!response.ok()) {
                System.err.println("transferlab: no comparison " + effect + ": GET " + url + " answered "
                        + response.status() + ": " + Http.abbreviate(response.text()));
                continue;
            }
            Files.writeString(
                    comparisons.resolve(effect + ".json"), response.json().toPrettyString());
            if (effect.equals(main)) {
                result = response.json();
            }
        }
        return result;
    }

    StudyPlan plan(Instant now) {
        String id = "study-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC)
                        .format(now);
        List<Integer> layerCuts = cuts == null || cuts.isEmpty()
                ? IntStream.rangeClosed(1, 7).boxed().toList()
                : cuts;
        StudyPlan base =
                new StudyPlan(id, replicates, layerCuts, imagesPerClass == null ? 10 : imagesPerClass, epochs, 32);
        return imagesPerClass != null
                ? base
                : base.fitted(Duration.ofMinutes(budgetMinutes), StudyPlan.CostModel.MEASURED);
    }

    static void printPlan(StudyPlan plan, PrintStream out) {
        Duration estimate = plan.estimate(StudyPlan.CostModel.MEASURED);
        out.printf(
                Locale.ROOT,
                "Study %s: %d jobs (%d replicates, cuts %s, both directions), %d training images per class"
                        + " (and %d for validation), %d epochs, batch %d; estimated %d min here%n",
                plan.studyId(),
                plan.jobs(),
                plan.replicates(),
                plan.cuts(),
                plan.imagesPerClass(),
                plan.validationImagesPerClass(),
                plan.epochs(),
                plan.batchSize(),
                estimate.toMinutes());
        for (ExperimentRequested r : plan.requests()) {
            out.printf(
                    Locale.ROOT,
                    "  %s: split %s, arms %s, %d jobs%n",
                    r.experimentId(),
                    r.split().preset() != null ? r.split().preset() : "random (replicate i: split seed i)",
                    r.arms().stream().map(a -> a.wireName()).collect(Collectors.joining(" ")),
                    StudyPlan.jobs(r));
        }
    }

    private static void follow(
            String bootstrap,
            Map<String, ProgressTracker> trackers,
            StudyLedger ledger,
            Duration timeout,
            PrintStream err) {
        Instant deadline = Instant.now().plus(timeout);
        String last = "";
        try (KafkaEvents.Tail tail =
                new KafkaEvents.Tail(bootstrap, List.of(Topics.EXPERIMENT_EVENTS, Topics.JOB_EVENTS))) {
            while (!trackers.values().stream().allMatch(ProgressTracker::terminal)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new LauncherException("Gave up after " + timeout.toMinutes() + " min");
                }
                for (TransferLabEvent event : tail.poll(Duration.ofMillis(500))) {
                    ledger.accept(event);
                    trackers.values().forEach(t -> t.accept(event));
                }
                String line = trackers.values().stream()
                        .map(t -> t.experimentId() + " " + t.doneJobs() + "/" + t.totalJobs())
                        .collect(Collectors.joining(" | "));
                if (!line.equals(last)) {
                    err.println("transferlab: " + line);
                    last = line;
                }
            }
            // the last results may trail the completion events by a poll
            for (TransferLabEvent event : tail.poll(Duration.ofSeconds(2))) {
                ledger.accept(event);
            }
        }
    }

    static String summary(StudyPlan plan, StudyLedger ledger, Duration wall, Instant started) {
        int[] plateau = ledger.plateauCounts();
        double[] seconds = ledger.jobSeconds();
        List<String> lines = new ArrayList<>();
        lines.add("# Study " + plan.studyId());
        lines.add("");
        lines.add("- started " + started + " (UTC), wall time " + wall.toMinutes() + " min " + wall.toSecondsPart()
                + " s; estimated beforehand: "
                + plan.estimate(StudyPlan.CostModel.MEASURED).toMinutes() + " min");
        lines.add("- machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + Runtime.version().feature());
        lines.add("- size: " + plan.replicates() + " replicates, cuts " + plan.cuts() + ", both directions, "
                + plan.imagesPerClass() + " training images per class and " + plan.validationImagesPerClass()
                + " other training images per class for validation (once per epoch), "
                + plan.epochs() + " epochs, batch " + plan.batchSize() + ", lr 0.01 x0.1 from epoch "
                + (plan.training().lrStepEpochs() + 1) + ", summary metric test-top1 (every official test image"
                + " of the half), He initialisation, source-half normalisation");
        lines.add(String.format(
                Locale.ROOT,
                "- %d jobs completed; their own timings sum to %.0f s (%.0f s of" + " training steps)",
                ledger.completed(),
                seconds[0],
                seconds[1]));
        lines.add("- diverged networks: " + (ledger.divergedJobs().isEmpty() ? "none" : ledger.divergedJobs()));
        lines.add("");
        lines.add("## Convergence check");
        lines.add("");
        lines.add(String.format(
                Locale.ROOT,
                "%d of %d networks reached a plateau: their validation top-1 rose less"
                        + " than %.0f point within the last half of training (mean of the last quarter of the"
                        + " validations minus the mean of the quarter before it). Per network: `networks.csv`.",
                plateau[1],
                plateau[0],
                StudyLedger.PLATEAU_GAIN * 100));
        lines.add("");
        lines.add(ledger.convergenceTable());
        lines.add("## Reports");
        lines.add("");
        for (ExperimentRequested r : plan.requests()) {
            lines.add("- `" + r.experimentId() + "/index.html`");
        }
        return String.join("\n", lines) + "\n";
    }
}

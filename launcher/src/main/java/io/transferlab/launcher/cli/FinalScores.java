package io.transferlab.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.transferlab.launcher.LauncherException;
import io.transferlab.launcher.client.Http;
import io.transferlab.launcher.client.ReportDownloader;
import io.transferlab.launcher.render.ScoreTablePrinter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/** The end of a run ({@code demo}, {@code study}): an experiment's final scores as a table, its report saved. */
final class FinalScores {
    private static final Duration WAIT = Duration.ofMinutes(2);

    private FinalScores() {}

    /** Prints {@code header}, then the score table of experiment {@code id}, saves its report in {@code dir}. */
    static JsonNode printAndSave(String analytics, String id, String header, Path dir, PrintStream out) {
        JsonNode scores = await(analytics, id, WAIT);
        out.println();
        out.println(header);
        out.print(ScoreTablePrinter.render(scores));
        ReportDownloader.download(analytics, id, dir);
        return scores;
    }

    /** Analytics may fold the last job in a moment after the coordinator declares completion. */
    static JsonNode await(String analytics, String id, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String url = analytics + "/experiments/" + id + "/scores";
        while (true) {
            Http.Response response = Http.get(url);
            if (response.ok()) {
                JsonNode node = response.json();
                JsonNode table = ScoreTablePrinter.findTable(node);
                boolean complete = node.has("partial")
                        ? !node.path("partial").asBoolean()
                        : table != null
                                && table.path("jobsTotal").asInt() > 0
                                && table.path("jobsDone").asInt()
                                        >= table.path("jobsTotal").asInt();
                if (complete || Instant.now().isAfter(deadline)) {
                    return node;
                }
            } else if (Instant.now().isAfter(deadline)) {
                throw new LauncherException(
                        "GET " + url + " answered " + response.status() + ": " + Http.abbreviate(response.text()));
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }
}

package io.transferlab.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** An experiment's state and jobs, from the coordinator. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show an experiment's state and its jobs.")
public class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID", description = "experiment id")
    String experimentId;

    @Option(names = "--coordinator", description = "coordinator URL (default: $COORDINATOR_URL, the stack of"
            + " ./transferlab up, or http://localhost:8081)")
    String coordinator;

    @Option(names = "--json", description = "print the coordinator's JSON as is")
    boolean json;

    @Option(names = "--state-dir", defaultValue = "${env:TRANSFERLAB_STATE_DIR:-.transferlab}", hidden = true)
    Path stateDir;

    @Override
    public Integer call() {
        String url = Endpoints.coordinator(coordinator, stateDir) + "/experiments/" + experimentId;
        Http.Response response = Http.get(url);
        if (response.status() == 404) {
            throw new LauncherException("No experiment '" + experimentId + "' at " + url);
        }
        if (!response.ok()) {
            throw new LauncherException("GET " + url + " answered " + response.status() + ": " + Http.abbreviate(response.text()));
        }
        JsonNode view = DemoCommand.readTree(response.body());
        System.out.print(json ? view.toPrettyString() + "\n" : render(view));
        return 0;
    }

    static String render(JsonNode view) {
        JsonNode summary = view.path("summary");
        JsonNode counts = summary.path("counts");
        StringBuilder out = new StringBuilder();
        out.append(summary.path("experimentId").asText()).append(": ").append(summary.path("state").asText())
                .append(String.format(Locale.ROOT, ", %.0f%% done", summary.path("progress").asDouble() * 100)).append('\n');
        out.append(String.format(Locale.ROOT, "jobs: %d total, %d pending, %d dispatched, %d running, %d succeeded,"
                        + " %d failed, %d cancelled%n", counts.path("total").asInt(), counts.path("pending").asInt(),
                counts.path("dispatched").asInt(), counts.path("running").asInt(), counts.path("succeeded").asInt(),
                counts.path("failed").asInt(), counts.path("cancelled").asInt()));
        if (summary.hasNonNull("reason")) {
            out.append("reason: ").append(summary.path("reason").asText()).append('\n');
        }
        for (JsonNode problem : view.path("problems")) {
            out.append("problem: ").append(problem.path("field").asText()).append(": ")
                    .append(problem.path("problem").asText()).append('\n');
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode job : view.path("jobs")) {
            rows.add(List.of(job.path("jobId").asText(), job.path("state").asText(), job.path("attempt").asText(""),
                    job.hasNonNull("epoch") ? job.path("epoch").asText() : "",
                    job.hasNonNull("testTop1") ? String.format(Locale.ROOT, "%.1f", job.path("testTop1").asDouble() * 100) : "",
                    job.hasNonNull("trainerId") ? job.path("trainerId").asText() : ""));
        }
        if (!rows.isEmpty()) {
            out.append(ScoreTablePrinter.table(List.of("job", "state", "attempt", "epoch", "test top-1 %", "trainer"), rows));
        }
        return out.toString();
    }
}

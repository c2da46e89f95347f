package io.transferlab.launcher.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The coordinator's view of one experiment as text: state, job counts, problems and a job table. */
public final class StatusPrinter {

    private StatusPrinter() {}

    public static String render(JsonNode view) {
        JsonNode summary = view.path("summary");
        JsonNode counts = summary.path("counts");
        StringBuilder out = new StringBuilder();
        out.append(summary.path("experimentId").asText())
                .append(": ")
                .append(summary.path("state").asText())
                .append(String.format(
                        Locale.ROOT, ", %.0f%% done", summary.path("progress").asDouble() * 100))
                .append('\n');
        out.append(String.format(
                Locale.ROOT,
                "jobs: %d total, %d pending, %d dispatched, %d running, %d succeeded," + " %d failed, %d cancelled%n",
                counts.path("total").asInt(),
                counts.path("pending").asInt(),
                counts.path("dispatched").asInt(),
                counts.path("running").asInt(),
                counts.path("succeeded").asInt(),
                counts.path("failed").asInt(),
                counts.path("cancelled").asInt()));
        if (summary.hasNonNull("reason")) {
            out.append("reason: ").append(summary.path("reason").asText()).append('\n');
        }
        for (JsonNode problem : view.path("problems")) {
            out.append("problem: ")
                    .append(problem.path("field").asText())
                    .append(": ")
                    .append(problem.path("problem").asText())
                    .append('\n');
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode job : view.path("jobs")) {
            rows.add(List.of(
                    job.path("jobId").asText(),
                    job.path("state").asText(),
                    job.path("attempt").asText(""),
                    job.hasNonNull("epoch") ? job.path("epoch").asText() : "",
                    job.hasNonNull("testTop1")
                            ? String.format(
                                    Locale.ROOT, "%.1f", job.path("testTop1").asDouble() * 100)
                            : "",
                    job.hasNonNull("trainerId") ? job.path("trainerId").asText() : ""));
        }
        if (!rows.isEmpty()) {
            out.append(ScoreTablePrinter.table(
                    List.of("job", "state", "attempt", "epoch", "test top-1 %", "trainer"), rows));
        }
        return out.toString();
    }
}

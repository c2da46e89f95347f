package io.transferlab.it.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The figures of each scenario as it really ran, one Markdown table row per scenario appended to
 * {@code integration-tests/target/faults/figures.md} (the source of docs/RELIABILITY.md's table) and
 * printed.
 */
final class FaultFigures {

    private FaultFigures() {}

    static void record(
            String scenario, List<ExperimentAudit> audits, Map<String, Integer> supervisorRestarts, Duration wall) {
        long completed = audits.stream().filter(ExperimentAudit::completed).count();
        int lost = audits.stream().mapToInt(ExperimentAudit::lost).sum();
        int duplicated = audits.stream().mapToInt(ExperimentAudit::duplicated).sum();
        int copies = audits.stream().mapToInt(ExperimentAudit::resultCopies).sum();
        int redispatches =
                audits.stream().mapToInt(ExperimentAudit::redispatches).sum();
        int jobs = audits.stream().mapToInt(ExperimentAudit::jobs).sum();
        String row = "| " + scenario + " | " + completed + " of " + audits.size() + " (" + jobs + " jobs) | " + lost
                + " | " + duplicated + " (redelivered copies of an equal result: " + copies + "; re-dispatches: "
                + redispatches + ") | 0 by hand; supervisor " + supervisorRestarts + " | " + wall.toSeconds() + " s |";
        System.out.println("[fault figures] " + row);
        audits.forEach(a -> System.out.println("[fault figures]   " + a.summary()));
        Path file = Path.of(System.getProperty("transferlab.project.dir", ".."))
                .resolve("integration-tests/target/faults/figures.md");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    row + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

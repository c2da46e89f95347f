package io.transferlab.launcher.cli;

import io.transferlab.launcher.client.Http;
import io.transferlab.launcher.client.ReportDownloader;
import io.transferlab.launcher.render.ScoreTablePrinter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Saves an experiment's report (index.html, charts, scores.json, scores.csv) from analytics. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Save an experiment's report (index.html, PNG charts, scores.json, scores.csv) into a folder.")
public class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID", description = "experiment id")
    String experimentId;

    @Option(names = "--out", description = "folder (default ./reports/<experiment-id>)")
    Path out;

    @Mixin
    AnalyticsOption analytics;

    @Mixin
    StateDirOption state;

    @Override
    public Integer call() {
        String url = analytics.resolve(state);
        System.out.print(ScoreTablePrinter.render(
                Http.getOk(url + "/experiments/" + experimentId + "/scores").json()));
        Path dir = out != null ? out : Path.of("reports", experimentId);
        Path index = ReportDownloader.download(url, experimentId, dir);
        System.out.println(index.getParent().toAbsolutePath());
        return 0;
    }
}

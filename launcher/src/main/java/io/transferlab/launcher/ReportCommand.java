package io.transferlab.launcher;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Saves an experiment's report (index.html, charts, scores.json, scores.csv) from analytics. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Save an experiment's report (index.html, PNG charts, scores.json, scores.csv) into a folder.")
public class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID", description = "experiment id")
    String experimentId;

    @Option(names = "--out", description = "folder (default ./reports/<experiment-id>)")
    Path out;

    @Option(names = "--analytics", description = "analytics URL (default: $ANALYTICS_URL, the stack of"
            + " ./transferlab up, or http://localhost:8083)")
    String analytics;

    @Option(names = "--state-dir", defaultValue = "${env:TRANSFERLAB_STATE_DIR:-.transferlab}", hidden = true)
    Path stateDir;

    @Override
    public Integer call() {
        String url = Endpoints.analytics(analytics, stateDir);
        System.out.print(ScoreTablePrinter.render(DemoCommand.readTree(
                Http.getOk(url + "/experiments/" + experimentId + "/scores").body())));
        Path dir = out != null ? out : Path.of("reports", experimentId);
        Path index = ReportDownloader.download(url, experimentId, dir);
        System.out.println(index.getParent().toAbsolutePath());
        return 0;
    }
}

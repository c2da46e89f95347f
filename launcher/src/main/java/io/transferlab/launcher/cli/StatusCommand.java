package io.transferlab.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.transferlab.launcher.LauncherException;
import io.transferlab.launcher.client.Http;
import io.transferlab.launcher.render.StatusPrinter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** An experiment's state and jobs, from the coordinator. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show an experiment's state and its jobs.")
public class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID", description = "experiment id")
    String experimentId;

    @Mixin
    CoordinatorOption coordinator;

    @Option(names = "--json", description = "print the coordinator's JSON as is")
    boolean json;

    @Mixin
    StateDirOption state;

    @Override
    public Integer call() {
        String url = coordinator.resolve(state) + "/experiments/" + experimentId;
        Http.Response response = Http.get(url);
        if (response.status() == 404) {
            throw new LauncherException("No experiment '" + experimentId + "' at " + url);
        }
        if (!response.ok()) {
            throw new LauncherException(
                    "GET " + url + " answered " + response.status() + ": " + Http.abbreviate(response.text()));
        }
        JsonNode view = response.json();
        System.out.print(json ? view.toPrettyString() + "\n" : StatusPrinter.render(view));
        return 0;
    }
}

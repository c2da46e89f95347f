package io.transferlab.launcher;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./transferlab}: run an experiment end to end, or the local stack alone, and talk to it. */
@Command(name = "transferlab", mixinStandardHelpOptions = true, version = "TransferLab 0.1.0",
        description = "Measures how transferable the layers of a neural network are, on a local event-driven stack.",
        subcommands = {DemoCommand.class, UpCommand.class, DownCommand.class, SubmitCommand.class,
                StatusCommand.class, WatchCommand.class, ReportCommand.class, SuperviseCommand.class,
                CommandLine.HelpCommand.class})
public class TransferLabCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TransferLabCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof LauncherException || e instanceof io.transferlab.localstack.LocalStackException) {
                err.println("error: " + e.getMessage());
            } else {
                err.println("error: " + e);
                if (System.getenv("TRANSFERLAB_DEBUG") != null) {
                    e.printStackTrace(err);
                } else {
                    err.println("(set TRANSFERLAB_DEBUG=1 for the stack trace)");
                }
            }
            err.flush();
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

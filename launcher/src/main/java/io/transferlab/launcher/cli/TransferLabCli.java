package io.transferlab.launcher.cli;

import io.transferlab.launcher.ExitCode;
import io.transferlab.launcher.LauncherException;
import io.transferlab.launcher.render.ProgressTracker;
import io.transferlab.localstack.LocalStackException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./transferlab}: run an experiment end to end, or the local stack alone, and talk to it. */
@Command(
        name = "transferlab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Measures how transferable the layers of a neural network are, on a local event-driven stack.",
        subcommands = {
            DemoCommand.class,
            StudyCommand.class,
            UpCommand.class,
            DownCommand.class,
            SubmitCommand.class,
            StatusCommand.class,
            WatchCommand.class,
            ReportCommand.class,
            SuperviseCommand.class,
            CommandLine.HelpCommand.class
        })
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
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE.code());
        cli.getCommandSpec().exitCodeOnExecutionException(ExitCode.ERROR.code());
        documentExitCodes(cli);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof LauncherException || e instanceof LocalStackException) {
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
            return e instanceof LauncherException launcher ? launcher.exitCode().code() : ExitCode.ERROR.code();
        });
        return cli;
    }

    /** The exit status for an experiment that ended in {@code phase} (or was still going). */
    static ExitCode exitCode(ProgressTracker.Phase phase) {
        return switch (phase) {
            case REJECTED -> ExitCode.REJECTED;
            case FAILED -> ExitCode.FAILED;
            case CANCELLED -> ExitCode.CANCELLED;
            case COMPLETED -> ExitCode.OK;
            case SUBMITTED, ACCEPTED, RUNNING -> ExitCode.ERROR;
        };
    }

    private static void documentExitCodes(CommandLine command) {
        command.getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCode.helpList());
        command.getSubcommands().values().forEach(TransferLabCli::documentExitCodes);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

package io.transferlab.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.transferlab.launcher.ExitCode;
import io.transferlab.launcher.render.ProgressTracker;
import io.transferlab.launcher.stack.StackConfig;
import io.transferlab.launcher.stack.StateDir;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

    @Test
    void demoOptionsAreParsed() {
        CommandLine cli = TransferLabCli.commandLine();
        CommandLine.ParseResult result = cli.parseArgs("demo", "--out", "/tmp/r", "--full", "--free-ports");
        DemoCommand demo = (DemoCommand) result.subcommand().commandSpec().userObject();

        assertThat(demo.out).isEqualTo(Path.of("/tmp/r"));
        assertThat(demo.full).isTrue();
        assertThat(demo.stack.freePorts).isTrue();
        assertThat(demo.stack.toConfig(Path.of("/tmp/s"), true).kafkaPort()).isZero();
    }

    @Test
    void stackDefaultsAreTheWellKnownPorts() {
        CommandLine.ParseResult result = TransferLabCli.commandLine().parseArgs("up");
        UpCommand up = (UpCommand) result.subcommand().commandSpec().userObject();
        StackConfig config = up.stack.toConfig(Path.of("/tmp/s"), true);

        assertThat(config.kafkaPort()).isEqualTo(9092);
        assertThat(config.s3Port()).isEqualTo(9000);
        assertThat(config.coordinatorPort()).isEqualTo(8081);
        assertThat(config.trainerPort()).isEqualTo(8082);
        assertThat(config.analyticsPort()).isEqualTo(8083);
        assertThat(config.dataDir()).isEqualTo(Path.of("/usr/share/datasets"));
    }

    @Test
    void upHandsItsOptionsToTheSupervisor() {
        CommandLine.ParseResult result = TransferLabCli.commandLine()
                .parseArgs("up", "--kafka-port", "19092", "--free-ports", "--data-dir", "/data");
        UpCommand up = (UpCommand) result.subcommand().commandSpec().userObject();
        CommandLine.ParseResult again = TransferLabCli.commandLine()
                .parseArgs(concat(
                        "supervise",
                        "--state-dir",
                        "/tmp/x",
                        up.stack.toArguments().toArray(String[]::new)));
        SuperviseCommand supervise =
                (SuperviseCommand) again.subcommand().commandSpec().userObject();

        assertThat(supervise.stack.kafkaPort).isEqualTo(19092);
        assertThat(supervise.stack.freePorts).isTrue();
        assertThat(supervise.stack.dataDir).isEqualTo(Path.of("/data"));
    }

    @Test
    void submitWithoutFileIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = TransferLabCli.commandLine();
        cli.setErr(new PrintWriter(err));

        int status = cli.execute("submit");

        assertThat(status).isEqualTo(ExitCode.USAGE.code()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'FILE'");
    }

    @Test
    void anInvalidRequestFileIsAClearErrorAndNothingIsSent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"arms\": [\"base\"]}");
        StringWriter err = new StringWriter();
        CommandLine cli = TransferLabCli.commandLine();
        cli.setErr(new PrintWriter(err));

        int status = cli.execute("submit", file.toString(), "--bootstrap", "127.0.0.1:1");

        assertThat(status).isEqualTo(ExitCode.REJECTED.code()).isEqualTo(3);
        assertThat(err.toString()).contains("is not a valid experiment request").contains("dataset");
    }

    @Test
    void helpListsEveryCommand() {
        StringWriter out = new StringWriter();
        CommandLine cli = TransferLabCli.commandLine();
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString())
                .contains("demo", "up", "down", "submit", "status", "watch", "report")
                .doesNotContain("supervise");
    }

    @Test
    void downWithNothingUpSaysSoAndSucceeds(@TempDir Path dir) {
        assertThat(TransferLabCli.run("down", "--state-dir", dir.toString())).isZero();
    }

    @Test
    void statusAgainstNothingIsAClearError() {
        StringWriter err = new StringWriter();
        CommandLine cli = TransferLabCli.commandLine();
        cli.setErr(new PrintWriter(err));

        int status = cli.execute(
                "status", "exp1", "--coordinator", "http://127.0.0.1:" + io.transferlab.localstack.Ports.freePort());

        assertThat(status).isEqualTo(ExitCode.ERROR.code()).isEqualTo(1);
        assertThat(err.toString()).contains("error: Cannot reach").contains("./transferlab up");
    }

    @Test
    void exitCodesAreDistinctPerOutcome() {
        assertThat(TransferLabCli.exitCode(ProgressTracker.Phase.COMPLETED)).isEqualTo(ExitCode.OK);
        assertThat(TransferLabCli.exitCode(ProgressTracker.Phase.REJECTED)).isEqualTo(ExitCode.REJECTED);
        assertThat(TransferLabCli.exitCode(ProgressTracker.Phase.FAILED)).isEqualTo(ExitCode.FAILED);
        assertThat(TransferLabCli.exitCode(ProgressTracker.Phase.CANCELLED)).isEqualTo(ExitCode.CANCELLED);
        assertThat(Arrays.stream(ExitCode.values()).map(ExitCode::code).distinct())
                .hasSize(ExitCode.values().length)
                .containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void helpOfEveryCommandListsTheExitCodes() {
        CommandLine cli = TransferLabCli.commandLine();
        List<CommandLine> commands = new ArrayList<>(cli.getSubcommands().values());
        commands.add(cli);
        for (CommandLine command : commands) {
            String help = command.getUsageMessage();
            assertThat(help).as(command.getCommandName()).contains("Exit codes:");
            for (ExitCode exit : ExitCode.values()) {
                assertThat(help)
                        .as(command.getCommandName())
                        .containsPattern("\\s" + exit.code() + "\\s+"
                                + Pattern.quote(exit.meaning().substring(0, 20)));
            }
        }
    }

    @Test
    void readmeDocumentsTheSameExitCodes() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));

        for (ExitCode exit : ExitCode.values()) {
            assertThat(readme).containsPattern("\\| `" + exit.code() + "` \\| [^|\\n]*\\|");
        }
        assertThat(readme).doesNotContainPattern("\\| `" + ExitCode.values().length + "` \\|");
    }

    @Test
    void versionIsTheBuildsVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher parent = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL)
                .matcher(pom);
        assertThat(parent.find()).isTrue();
        StringWriter out = new StringWriter();
        CommandLine cli = TransferLabCli.commandLine();
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("--version")).isZero();
        assertThat(out.toString().trim()).isEqualTo("TransferLab " + parent.group(1));
    }

    @Test
    void endpointOptionsAreSharedAndFallBackToTheStateOfUp(@TempDir Path dir) {
        assumeTrue(
                System.getenv("KAFKA_BOOTSTRAP") == null && System.getenv("ANALYTICS_URL") == null,
                "the environment would take precedence over the state folder");
        new StateDir(dir).writeEnv(Map.of("KAFKA_BOOTSTRAP", "10.0.0.7:9092", "ANALYTICS_URL", "http://10.0.0.7:8083"));

        WatchCommand watch = (WatchCommand) TransferLabCli.commandLine()
                .parseArgs("watch", "exp1", "--state-dir", dir.toString())
                .subcommand()
                .commandSpec()
                .userObject();
        SubmitCommand submit = (SubmitCommand) TransferLabCli.commandLine()
                .parseArgs("submit", "f.json", "--bootstrap", "broker:9093")
                .subcommand()
                .commandSpec()
                .userObject();
        ReportCommand report = (ReportCommand) TransferLabCli.commandLine()
                .parseArgs("report", "exp1", "--state-dir", dir.toString())
                .subcommand()
                .commandSpec()
                .userObject();

        assertThat(watch.kafka.resolve(watch.state)).isEqualTo("10.0.0.7:9092");
        assertThat(submit.kafkaOption.resolve(submit.state)).isEqualTo("broker:9093");
        assertThat(report.analytics.resolve(report.state)).isEqualTo("http://10.0.0.7:8083");
    }

    private static String[] concat(String a, String b, String c, String[] rest) {
        String[] all = new String[rest.length + 3];
        all[0] = a;
        all[1] = b;
        all[2] = c;
        System.arraycopy(rest, 0, all, 3, rest.length);
        return all;
    }
}

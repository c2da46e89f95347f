package io.transferlab.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
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
        CommandLine.ParseResult result = TransferLabCli.commandLine().parseArgs("up", "--kafka-port", "19092",
                "--free-ports", "--data-dir", "/data");
        UpCommand up = (UpCommand) result.subcommand().commandSpec().userObject();
        CommandLine.ParseResult again = TransferLabCli.commandLine().parseArgs(
                concat("supervise", "--state-dir", "/tmp/x", up.stack.toArguments().toArray(String[]::new)));
        SuperviseCommand supervise = (SuperviseCommand) again.subcommand().commandSpec().userObject();

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

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'FILE'");
    }

    @Test
    void anInvalidRequestFileIsAClearErrorAndNothingIsSent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        java.nio.file.Files.writeString(file, "{\"arms\": [\"base\"]}");
        StringWriter err = new StringWriter();
        CommandLine cli = TransferLabCli.commandLine();
        cli.setErr(new PrintWriter(err));

        int status = cli.execute("submit", file.toString(), "--bootstrap", "127.0.0.1:1");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("is not a valid experiment request").contains("dataset");
    }

    @Test
    void helpListsEveryCommand() {
        StringWriter out = new StringWriter();
        CommandLine cli = TransferLabCli.commandLine();
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("demo", "up", "down", "submit", "status", "watch", "report")
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

        int status = cli.execute("status", "exp1", "--coordinator", "http://127.0.0.1:" + io.transferlab.localstack.Ports.freePort());

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("error: Cannot reach").contains("./transferlab up");
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

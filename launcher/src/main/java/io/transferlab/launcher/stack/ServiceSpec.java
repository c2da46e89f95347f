package io.transferlab.launcher.stack;

import io.transferlab.kafka.KafkaClientConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to run one service process: its command, environment, HTTP port (for the readiness probe)
 * and log file.
 */
public record ServiceSpec(
        String name, List<String> command, Map<String, String> environment, int port, Path logFile, String healthPath) {

    public ServiceSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /** A packaged Quarkus service: {@code java <jvmOptions> -jar <quarkus-run.jar>}. */
    public static ServiceSpec quarkus(
            String name,
            Path quarkusRunJar,
            List<String> jvmOptions,
            Map<String, String> environment,
            int port,
            Path logFile) {
        List<String> command = new java.util.ArrayList<>();
        command.add(io.transferlab.localstack.ChildJvm.javaExecutable());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(quarkusRunJar.toString());
        return new ServiceSpec(name, command, environment, port, logFile, "/q/health/ready");
    }

    /** The liveness endpoint every TransferLab service serves. */
    public String livenessPath() {
        return "/q/health/live";
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Everything but the values of secrets in the environment (the S3 secret key, SASL settings). */
    @Override
    public String toString() {
        return "ServiceSpec[name=" + name + ", command=" + command + ", environment="
                + KafkaClientConfig.redacted(environment) + ", port=" + port + ", logFile=" + logFile + ", healthPath="
                + healthPath + "]";
    }
}

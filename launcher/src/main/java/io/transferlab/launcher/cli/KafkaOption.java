package io.transferlab.launcher.cli;

import picocli.CommandLine.Option;

/** {@code --bootstrap}: the Kafka cluster a command publishes to or reads from. */
public class KafkaOption {

    @Option(
            names = "--bootstrap",
            description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP, the stack of"
                    + " ./transferlab up, or localhost:9092)")
    String bootstrap;

    /** The option, else the environment, else the stack of {@code up} in {@code state}, else the default port. */
    public String resolve(StateDirOption state) {
        return Endpoints.kafka(bootstrap, state.dir());
    }
}

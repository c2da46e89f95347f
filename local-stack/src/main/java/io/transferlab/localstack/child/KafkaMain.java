package io.transferlab.localstack.child;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Main class of the Kafka child JVM: formats the KRaft storage on first start (as
 * {@code kafka-storage.sh format} does), then runs {@code kafka.Kafka}. Arguments: the
 * server.properties path and the cluster id.
 */
public final class KafkaMain {

    private KafkaMain() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: KafkaMain <server.properties> <cluster-id>");
            System.exit(2);
        }
        ParentWatchdog.startIfRequested();
        String properties = args[0];
        String clusterId = args[1];
        int formatted = kafka.tools.StorageTool$.MODULE$.execute(
                new String[] {"format", "--cluster-id", clusterId, "--config", properties, "--ignore-formatted"},
                System.out);
        if (formatted != 0) {
            System.err.println("kafka-storage format failed with status " + formatted);
            System.exit(formatted);
        }
        if (!Files.exists(Path.of(properties))) {
            System.exit(2);
        }
        kafka.Kafka.main(new String[] {properties});
    }
}

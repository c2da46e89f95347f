package io.transferlab.localstack.containers;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports.Binding;
import io.transferlab.localstack.KafkaBroker;
import io.transferlab.localstack.LocalStackException;
import io.transferlab.localstack.Ports;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.testcontainers.kafka.KafkaContainer;

/** The Apache Kafka image in KRaft mode; the host port is fixed so that a restart keeps the address. */
final class KafkaContainerBroker implements KafkaBroker {

    private final KafkaContainer container;
    private final String bootstrapServers;

    private KafkaContainerBroker(KafkaContainer container) {
        this.container = container;
        this.bootstrapServers = container.getBootstrapServers();
    }

    static KafkaContainerBroker start(String image) {
        int hostPort = Ports.freePort();
        KafkaContainer container = new KafkaContainer(image)
                .withEnv("KAFKA_NUM_PARTITIONS", "3")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_MESSAGE_MAX_BYTES", String.valueOf(8 * 1024 * 1024))
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                        List.of(new PortBinding(Binding.bindPort(hostPort), new ExposedPort(9092)))));
        container.start();
        return new KafkaContainerBroker(container);
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void stop() {
        if (isRunning()) {
            container.getDockerClient().stopContainerCmd(container.getContainerId()).exec();
        }
    }

    @Override
    public void kill() {
        if (isRunning()) {
            container.getDockerClient().killContainerCmd(container.getContainerId()).exec();
        }
    }

    @Override
    public void restart() {
        stop();
        container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
        int port = Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!Ports.isListening(port)) {
            if (Instant.now().isAfter(deadline)) {
                throw new LocalStackException("Kafka container did not listen again on " + bootstrapServers);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
        }
    }

    @Override
    public boolean isRunning() {
        var state = container.getDockerClient().inspectContainerCmd(container.getContainerId()).exec().getState();
        return Boolean.TRUE.equals(state.getRunning());
    }
}

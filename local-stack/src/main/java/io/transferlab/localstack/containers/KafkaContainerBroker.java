package io.transferlab.localstack.containers;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports.Binding;
import io.transferlab.localstack.KafkaBroker;
import io.transferlab.localstack.Ports;
import java.util.List;
import org.testcontainers.kafka.KafkaContainer;

/** The Apache Kafka image in KRaft mode; the host port is fixed so that a restart keeps the address. */
final class KafkaContainerBroker implements KafkaBroker {

    private final String bootstrapServers;
    private final ContainerControl control;

    private KafkaContainerBroker(KafkaContainer container, int hostPort) {
        this.bootstrapServers = container.getBootstrapServers();
        this.control = new ContainerControl(container, "Kafka", hostPort);
    }

    static KafkaContainerBroker start(String image) {
        int hostPort = Ports.freePort();
        KafkaContainer container = new KafkaContainer(image)
                .withEnv("KAFKA_NUM_PARTITIONS", "3")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_MESSAGE_MAX_BYTES", String.valueOf(8 * 1024 * 1024))
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withPortBindings(List.of(new PortBinding(Binding.bindPort(hostPort), new ExposedPort(9092)))));
        container.start();
        return new KafkaContainerBroker(container, hostPort);
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void stop() {
        control.stop();
    }

    @Override
    public void kill() {
        control.kill();
    }

    @Override
    public void restart() {
        control.restart();
    }

    @Override
    public boolean isRunning() {
        return control.isRunning();
    }
}

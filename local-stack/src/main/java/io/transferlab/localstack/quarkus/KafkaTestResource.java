package io.transferlab.localstack.quarkus;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.transferlab.localstack.KafkaBroker;
import io.transferlab.localstack.LocalStack;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's shared real Kafka broker:
 * {@code @QuarkusTestResource(KafkaTestResource.class)} (or {@code @WithTestResource}). The broker
 * outlives the test class and stops at JVM exit, so every test class of a module shares one.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        KafkaBroker kafka = LocalStack.kafka();
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        // shared per JVM: LocalStack stops it at exit
    }
}

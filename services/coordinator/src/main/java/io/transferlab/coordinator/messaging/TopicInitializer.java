package io.transferlab.coordinator.messaging;

import io.transferlab.contracts.TopicPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the TransferLab topics the broker lacks (event and state topics), with the broker's default
 * partitions and replicas and the retention and cleanup policy of {@link TopicPolicy}. Topics that exist
 * are left as they are: their configs are the operator's (the chart's topic job applies the same policy).
 */
@ApplicationScoped
public class TopicInitializer {
    @Inject
    KafkaClients clients;

    public void ensureTopics() throws InterruptedException {
        try (Admin admin = Admin.create(clients.adminProperties())) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = TopicPolicy.ALL.stream()
                    .filter(p -> !existing.contains(p.topic()))
                    .map(p -> new NewTopic(p.topic(), Optional.empty(), Optional.empty()).configs(p.configs()))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topics " + missing, e.getCause());
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + clients.bootstrapServers(), e);
        }
    }
}

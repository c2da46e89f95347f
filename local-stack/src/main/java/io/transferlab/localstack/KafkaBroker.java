package io.transferlab.localstack;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Kafka broker (KRaft, broker and controller in one node, replication factor 1 everywhere,
 * topics created on first use). {@link #builder()} starts one as a child process;
 * {@link LocalStack#kafka()} shares one per JVM.
 */
public interface KafkaBroker extends AutoCloseable {

    /** {@code host:port} for {@code bootstrap.servers}. */
    String bootstrapServers();

    /** Stops gracefully (SIGTERM, controlled shutdown). Idempotent. */
    void stop();

    /** Kills without warning (SIGKILL), as in a crash. */
    void kill();

    /** Starts again after {@link #stop()} or {@link #kill()}: same port, same data. */
    void restart();

    boolean isRunning();

    /** Process id of the broker, or -1 where it does not run as a local process. */
    default long pid() {
        return -1;
    }

    @Override
    default void close() {
        stop();
    }

    /** Creates the topics that do not exist yet, with the given partition counts and replication factor 1. */
    default void createTopics(Map<String, Integer> partitions) {
        createTopics(partitions, Map.of());
    }

    /**
     * Creates the topics that do not exist yet, with the given partition counts, replication factor 1 and topic
     * configs, and sets those configs on the topics that exist already (a broker started again on kept data may
     * hold them with older settings).
     */
    default void createTopics(Map<String, Integer> partitions, Map<String, Map<String, String>> configs) {
        try (Admin admin = admin()) {
            List<NewTopic> topics = partitions.entrySet().stream()
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1)
                            .configs(configs.getOrDefault(e.getKey(), Map.of())))
                    .toList();
            CreateTopicsResult result = admin.createTopics(topics);
            for (var entry : result.values().entrySet()) {
                try {
                    entry.getValue().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
            Map<ConfigResource, Collection<AlterConfigOp>> settings = new HashMap<>();
            configs.forEach((topic, values) -> settings.put(
                    new ConfigResource(ConfigResource.Type.TOPIC, topic),
                    values.entrySet().stream()
                            .map(v -> new AlterConfigOp(
                                    new ConfigEntry(v.getKey(), v.getValue()), AlterConfigOp.OpType.SET))
                            .toList()));
            if (!settings.isEmpty()) {
                admin.incrementalAlterConfigs(settings).all().get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot set the configs of topics " + configs.keySet(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topics " + partitions.keySet(), e);
        }
    }

    /** Names of the existing topics (internal ones excluded). */
    default Set<String> topics() {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list topics", e);
        }
    }

    /** An admin client for this broker; the caller closes it. */
    default Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(props);
    }

    static KafkaProcess.Builder builder() {
        return KafkaProcess.builder();
    }

    /** Starts a broker as a child process on free ports, in a fresh temporary directory. */
    static KafkaBroker start() {
        return builder().start();
    }

    /** How long to wait for a broker to answer. */
    Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(120);
}

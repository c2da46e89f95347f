package io.transferlab.trainer;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;
import io.transferlab.kafka.BackoffRetry;
import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.trainer.config.S3Config;
import io.transferlab.trainer.config.TrainerConfig;
import io.transferlab.trainer.storage.ObjectStoreSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Starts the trainer when Quarkus starts and stops it on shutdown. ND4J loading and the bucket check
 * run on a background thread, so HTTP (health, metrics) answers at once and readiness reports progress.
 */
@ApplicationScoped
public class TrainerLifecycle {
    private static final Logger LOG = Logger.getLogger(TrainerLifecycle.class);

    private static final Duration RESTART_PAUSE = Duration.ofSeconds(5);

    private final TrainerNode node;
    private volatile Thread starter;
    private volatile boolean stopping;

    /** {@code kafkaConfig}: all of Quarkus' kafka.* settings (the chart's KAFKA_* env), for every Kafka client. */
    public TrainerLifecycle(
            TrainerConfig trainer,
            S3Config s3,
            MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.node = new TrainerNode(
                settings(trainer, s3, new KafkaClientConfig(kafkaConfig).withMetrics(registry)), registry);
    }

    static TrainerNode.Settings settings(TrainerConfig trainer, S3Config s3, KafkaClientConfig kafka) {
        return new TrainerNode.Settings(
                trainer.id().orElseGet(TrainerLifecycle::hostName),
                kafka,
                trainer.maxConcurrentJobs(),
                trainer.heartbeatInterval(),
                trainer.workDir(),
                trainer.dataDir(),
                trainer.checkpointRetention(),
                new ObjectStoreSettings(
                        s3.endpoint(),
                        s3.accessKey().orElse(null),
                        s3.secretKey().orElse(null),
                        s3.bucket(),
                        s3.region(),
                        s3.retryFor()),
                trainer.stallTimeout(),
                trainer.checkpointInterval(),
                trainer.warmUpDataset().orElse(null));
    }

    void onStart(@Observes StartupEvent event) {
        starter = new Thread(this::startUntilItWorks, "trainer-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** The object store may come up after the trainer (a fresh cluster): keep trying, readiness stays down meanwhile. */
    private void startUntilItWorks() {
        Guard untilItWorks = new BackoffRetry(
                        "trainer.start", RESTART_PAUSE, RESTART_PAUSE, BackoffRetry.UNTIL_IT_WORKS)
                .guard(
                        failure -> !stopping && failure instanceof RuntimeException,
                        failure -> LOG.infof("starting the trainer again after %d s", RESTART_PAUSE.toSeconds()));
        try {
            untilItWorks.call(
                    () -> {
                        try {
                            node.start();
                            return null;
                        } catch (RuntimeException e) {
                            LOG.errorf(e, "trainer could not start; trying again in %d s", RESTART_PAUSE.toSeconds());
                            throw e;
                        }
                    },
                    Void.class);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.errorf(e, "trainer not started (stopping)");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (starter != null) {
            starter.interrupt();
        }
        node.close();
    }

    public TrainerNode node() {
        return node;
    }

    /**
     * Why this trainer is not working, or null while it is: its start thread ended before the trainer took jobs
     * (an {@link Error} in the backend's load or the warm-up: nothing would ever start it), or what {@link
     * TrainerNode#livenessProblem()} finds.
     */
    public String livenessProblem() {
        String start = startProblem(starter, stopping, node.started());
        return start != null ? start : node.livenessProblem();
    }

    static String startProblem(Thread starter, boolean stopping, boolean started) {
        return starter != null && !starter.isAlive() && !stopping && !started
                ? "trainer-start thread ended before the trainer started"
                : null;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "trainer-" + ProcessHandle.current().pid();
        }
    }
}

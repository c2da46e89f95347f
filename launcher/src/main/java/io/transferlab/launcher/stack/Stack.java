package io.transferlab.launcher.stack;

import io.transferlab.contracts.TopicPolicy;
import io.transferlab.contracts.Topics;
import io.transferlab.launcher.LauncherException;
import io.transferlab.localstack.KafkaBroker;
import io.transferlab.localstack.KafkaProcess;
import io.transferlab.localstack.LocalStackException;
import io.transferlab.localstack.Ports;
import io.transferlab.localstack.S3ProxyProcess;
import io.transferlab.localstack.S3Server;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The whole local system: a Kafka broker and S3Proxy as child processes (local-stack), then the
 * three services as separate processes from their packaged jars, supervised. {@link #close()} stops
 * everything it started, services first.
 */
public final class Stack implements AutoCloseable {

    /** Topics and partitions created up front, so consumers never race topic auto-creation. */
    static final Map<String, Integer> TOPICS = Map.of(
            Topics.EXPERIMENT_REQUESTS,
            3,
            Topics.EXPERIMENT_EVENTS,
            3,
            Topics.TRAINING_JOBS,
            3,
            Topics.JOB_EVENTS,
            3,
            Topics.SCORES,
            3,
            Topics.DEAD_LETTERS,
            1);

    /** Each topic's retention and cleanup, as the services, the chart and compose set them ({@link TopicPolicy}). */
    static final Map<String, Map<String, String>> TOPIC_CONFIGS = TOPICS.keySet().stream()
            .collect(Collectors.toMap(t -> t, t -> TopicPolicy.of(t).configs()));

    private final StackConfig config;
    private final Consumer<String> log;
    private KafkaBroker kafka;
    private S3Server s3;
    private boolean ownsInfrastructure = true;
    private final List<ServiceProcess> services = new ArrayList<>();
    private Supervisor supervisor;
    private volatile Runnable onRestart = () -> {};
    private boolean closed;

    private Stack(StackConfig config, Consumer<String> log) {
        this.config = config;
        this.log = log;
    }

    /** Starts everything and returns once every service answers its readiness probe. */
    public static Stack start(StackConfig config, Consumer<String> log) {
        return start(config, log, null, null);
    }

    /**
     * Starts the services against an existing broker and S3 server (e.g. {@code LocalStack.kafka()} and
     * {@code LocalStack.s3()} in tests), which {@link #close()} then leaves running; with nulls, starts
     * its own as child processes.
     */
    public static Stack start(
            StackConfig config, Consumer<String> log, KafkaBroker existingKafka, S3Server existingS3) {
        Preflight.requireJava(Runtime.version().feature());
        Preflight.requireServiceJars(config);
        boolean own = existingKafka == null || existingS3 == null;
        if (own) {
            Preflight.requirePortFree(config.kafkaPort(), "Kafka");
            Preflight.requirePortFree(config.s3Port(), "S3");
        }
        for (String service : StackConfig.SERVICES) {
            Preflight.requirePortFree(config.servicePort(service), service);
        }
        Stack stack = new Stack(config, log);
        try {
            if (own) {
                stack.startInfrastructure();
            } else {
                stack.ownsInfrastructure = false;
                stack.kafka = existingKafka;
                stack.s3 = existingS3;
                existingKafka.createTopics(TOPICS, TOPIC_CONFIGS);
                existingS3.createBucket(S3Server.DEFAULT_BUCKET);
            }
            stack.startServices();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startInfrastructure() {
        log.accept("starting Kafka (KRaft) and S3Proxy ...");
        CompletableFuture<KafkaProcess> k = CompletableFuture.supplyAsync(() -> KafkaBroker.builder()
                .port(config.kafkaPort())
                .directory(config.stateDir().resolve("kafka"))
                .watchParent(config.watchParent())
                .start());
        CompletableFuture<S3ProxyProcess> s = CompletableFuture.supplyAsync(() -> S3Server.builder()
                .port(config.s3Port())
                .directory(config.stateDir().resolve("s3"))
                .watchParent(config.watchParent())
                .start());
        try {
            kafka = k.join();
        } catch (CompletionException e) {
            s.thenAccept(S3ProxyProcess::stop);
            throw unwrap("Kafka", e);
        }
        try {
            s3 = s.join();
        } catch (CompletionException e) {
            throw unwrap("S3Proxy", e);
        }
        kafka.createTopics(TOPICS, TOPIC_CONFIGS);
        s3.createBucket(S3Server.DEFAULT_BUCKET);
        log.accept("Kafka at " + kafka.bootstrapServers() + ", S3 at " + s3.endpoint());
    }

    private static RuntimeException unwrap(String what, CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Ports.PortInUseException || cause instanceof LocalStackException) {
            return new LauncherException(cause.getMessage(), cause);
        }
        return new LauncherException("Cannot start " + what + ": " + cause, cause);
    }

    private void startServices() {
        for (String name : StackConfig.SERVICES) {
            int port = config.servicePort(name) == 0 ? Ports.freePort() : config.servicePort(name);
            ServiceProcess service = new ServiceProcess(ServiceSpec.quarkus(
                    name,
                    config.serviceJar(name),
                    jvmOptions(name),
                    environment(name, port),
                    port,
                    config.stateDir().resolve("logs").resolve(name + ".log")));
            services.add(service);
            service.start();
        }
        log.accept("starting coordinator, trainer and analytics (logs in "
                + config.stateDir().resolve("logs") + ") ...");
        for (ServiceProcess service : services) {
            service.awaitHealthy(config.healthTimeout());
            log.accept(service.name() + " is ready at " + service.spec().baseUrl() + " (pid " + service.pid() + ")");
        }
        supervisor = new Supervisor(services, Backoff.standard(), log, () -> onRestart.run());
        supervisor.start(Duration.ofSeconds(1));
    }

    private List<String> jvmOptions(String service) {
        String override = System.getenv(service.toUpperCase() + "_JAVA_OPTS");
        if (override != null && !override.isBlank()) {
            return List.of(override.trim().split("\\s+"));
        }
        return switch (service) {
            case "trainer" -> {
                int jobs = trainerSlots().jobs();
                yield List.of(
                        "-Xmx" + (512 + 256 * jobs) + "m",
                        "-Dorg.bytedeco.javacpp.maxbytes=" + (1024 + 512 * jobs) + "m",
                        "-Djava.awt.headless=true");
            }
            case "analytics" -> List.of("-Xmx384m", "-XX:+UseSerialGC", "-Djava.awt.headless=true");
            default -> List.of("-Xmx256m", "-XX:+UseSerialGC");
        };
    }

    private Map<String, String> environment(String service, int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("TRANSFERLAB_S3_ENDPOINT", s3.endpoint());
        env.put("TRANSFERLAB_S3_ACCESS_KEY", s3.accessKey());
        env.put("TRANSFERLAB_S3_SECRET_KEY", s3.secretKey());
        env.put("TRANSFERLAB_S3_BUCKET", S3Server.DEFAULT_BUCKET);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        if (service.equals("coordinator")) {
            // requests may name a dataset location below the folder the trainer reads from
            env.put(
                    "TRANSFERLAB_COORDINATOR_DATASET_ROOTS",
                    config.dataDir().toAbsolutePath().toString());
        }
        if (service.equals("trainer")) {
            env.put("TRANSFERLAB_TRAINER_ID", "trainer-1");
            TrainerSlots slots = trainerSlots();
            env.put("TRANSFERLAB_TRAINER_MAX_CONCURRENT_JOBS", String.valueOf(slots.jobs()));
            env.put("OMP_NUM_THREADS", String.valueOf(slots.threadsPerJob()));
            env.put(
                    "TRANSFERLAB_TRAINER_DATA_DIR",
                    config.dataDir().toAbsolutePath().toString());
            env.put(
                    "TRANSFERLAB_TRAINER_WORK_DIR",
                    config.stateDir().resolve("trainer-work").toAbsolutePath().toString());
        }
        env.putAll(config.extraEnv());
        return env;
    }

    /**
     * Jobs the trainer trains side by side and threads per job: one 1-thread job per core unless the launcher's
     * environment or {@link StackConfig#extraEnv} says otherwise ({@link TrainerSlots}).
     */
    public TrainerSlots trainerSlots() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(config.extraEnv());
        return TrainerSlots.of(Runtime.getRuntime().availableProcessors(), env);
    }

    /** Called after the supervisor restarted a service (pids changed). */
    public void onRestart(Runnable action) {
        this.onRestart = action;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public S3Server s3() {
        return s3;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    public ServiceProcess service(String name) {
        return services.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    public String url(String service) {
        return service(service).spec().baseUrl();
    }

    public Supervisor supervisor() {
        return supervisor;
    }

    /** The shell-evaluable lines of {@code ./transferlab up}. */
    public Map<String, String> environmentLines() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        lines.put("S3_ENDPOINT", s3.endpoint());
        lines.put("S3_ACCESS_KEY", s3.accessKey());
        lines.put("S3_SECRET_KEY", s3.secretKey());
        lines.put("S3_BUCKET", S3Server.DEFAULT_BUCKET);
        lines.put("COORDINATOR_URL", url("coordinator"));
        lines.put("TRAINER_URL", url("trainer"));
        lines.put("ANALYTICS_URL", url("analytics"));
        lines.put("KAFKA_PID", String.valueOf(kafka.pid()));
        lines.put("S3PROXY_PID", String.valueOf(s3.pid()));
        for (ServiceProcess service : services) {
            lines.put(service.name().toUpperCase() + "_PID", String.valueOf(service.pid()));
        }
        return lines;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (supervisor != null) {
            supervisor.close();
        } else {
            services.forEach(s -> s.stop(Duration.ofSeconds(20)));
        }
        if (ownsInfrastructure && s3 != null) {
            s3.stop();
        }
        if (ownsInfrastructure && kafka != null) {
            kafka.stop();
        }
    }
}

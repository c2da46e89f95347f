package io.transferlab.coordinator.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.transferlab.coordinator.config.CoordinatorConfig;
import io.transferlab.coordinator.metrics.CoordinatorMetrics;
import io.transferlab.coordinator.ports.CoordinatorHandle;
import io.transferlab.coordinator.request.DatasetLocations;
import io.transferlab.coordinator.request.RequestReader;
import io.transferlab.coordinator.request.RequestValidator;
import io.transferlab.coordinator.request.SchemaCheck;
import io.transferlab.coordinator.tracking.CoordinatorEngine;
import io.transferlab.kafka.AcknowledgedPublisher;
import io.transferlab.kafka.AnswerPublisher;
import io.transferlab.kafka.FencedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Owns the processing thread and the engine it feeds. On start it joins the {@link LeaderElection}; only
 * while elected does it run the loop, so a second coordinator started by mistake waits (not ready) and
 * takes over only once the first stopped deciding. On election (and after any Kafka failure) it builds a
 * fresh engine and lets the loop rebuild it from the snapshots and the topics, so the in-memory state is
 * never trusted beyond what Kafka holds. Each build of the loop first starts fencing producers for the
 * decisions and the snapshots, so a deposed leader that has not noticed yet (frozen past its session) can
 * publish nothing; when it finds itself fenced it stops and asks the election again. {@link #stop()} and
 * {@link #start()} are public so that a test can restart the coordinator in the middle of an experiment.
 * <p>Its length is the whole leadership life cycle (election, build, fencing, restart after a failure), kept in
 * one place so that a reader can check that no path decides without being the leader.
 */
@ApplicationScoped
public class CoordinatorRuntime implements CoordinatorHandle {
    private static final Logger LOG = Logger.getLogger(CoordinatorRuntime.class);
    private static final Duration BACKOFF = Duration.ofSeconds(2);
    /** Longer than any wait inside one pass (a publish waits at most its acknowledgement timeout). */
    static final Duration MAX_SILENCE = Duration.ofMinutes(3);

    @Inject
    CoordinatorConfig config;

    @Inject
    KafkaClients clients;

    @Inject
    TopicInitializer topics;

    @Inject
    CoordinatorMetrics metrics;

    @Inject
    StateSnapshotStore snapshots;

    private volatile CoordinatorEngine engine;
    private volatile CoordinatorLoop loop;
    private volatile CountDownLatch stopSignal;
    private volatile Thread thread;
    private volatile CoordinatorLoop.ReplayStats lastReplayStats;
    private volatile RequestReader reader;
    private final Object loopLock = new Object();
    private volatile LeaderElection election;
    private volatile Thread electionThread;

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
        snapshots.close();
    }

    private DatasetLocations datasetLocations() {
        return new DatasetLocations(
                config.datasetRoots().stream().map(Path::of).toList(),
                Set.copyOf(config.datasetBuckets().orElse(List.of())),
                config.checkpointBucket());
    }

    /** Joins the leader election; the loop starts once this coordinator is elected. */
    public synchronized void start() {
        if (election != null) {
            return;
        }
        reader = new RequestReader(
                new RequestValidator(config.maxJobsPerExperiment(), datasetLocations()), SchemaCheck.request());
        engine = newEngine();
        election = new LeaderElection(clients.consumerProperties(null), new LeaderElection.Listener() {
            @Override
            public void beforeJoin() throws InterruptedException {
                topics.ensureTopics();
            }

            @Override
            public void elected() {
                startLoop();
            }

            @Override
            public void deposed() {
                stopLoop();
            }
        });
        electionThread = new Thread(election, "coordinator-election");
        electionThread.setDaemon(true);
        electionThread.start();
    }

    /**
     * Leaves the election and stops the loop, waiting for both; the engine keeps its last state for
     * reading until the next start.
     */
    public synchronized void stop() {
        if (election == null) {
            return;
        }
        election.stop();
        try {
            electionThread.join(Duration.ofSeconds(60).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopLoop();
        election = null;
        electionThread = null;
    }

    /** True while this coordinator holds the leadership (it may still be rebuilding its state). */
    public boolean leader() {
        LeaderElection e = election;
        return e != null && e.isLeader();
    }

    private void startLoop() {
        synchronized (loopLock) {
            if (thread != null) {
                return;
            }
            CountDownLatch signal = new CountDownLatch(1);
            stopSignal = signal;
            thread = new Thread(() -> supervise(signal), "coordinator-loop");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Stops the loop and returns once it stopped deciding. */
    private void stopLoop() {
        synchronized (loopLock) {
            if (thread == null) {
                return;
            }
            stopSignal.countDown();
            CoordinatorLoop l = loop;
            if (l != null) {
                l.stop();
            }
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
            lastReplayStats = l == null ? lastReplayStats : l.replayStats();
            loop = null;
        }
    }

    /** How the last rebuild went (snapshots restored, events replayed after them); null before the first. */
    public CoordinatorLoop.ReplayStats replayStats() {
        CoordinatorLoop l = loop;
        return l == null ? lastReplayStats : l.replayStats();
    }

    @Override
    public CoordinatorEngine engine() {
        return engine;
    }

    @Override
    public RequestReader reader() {
        return reader;
    }

    /**
     * Why the coordinator is not working (its election thread died, so it can never lead again; or its loop's
     * thread died, or it went {@link #MAX_SILENCE} without a poll), or null while it works: the liveness check.
     */
    @Override
    public String loopProblem() {
        Thread elector = electionThread;
        if (election != null && elector != null && !elector.isAlive()) {
            return "coordinator-election thread is dead";
        }
        Thread t = thread;
        if (t == null) {
            return null; // stopped on purpose, or not started yet
        }
        if (!t.isAlive()) {
            return "coordinator-loop thread is dead";
        }
        CoordinatorLoop l = loop;
        if (l != null && l.sinceLastPass().compareTo(MAX_SILENCE) > 0) {
            return "coordinator-loop made no poll for " + l.sinceLastPass().toSeconds() + "s";
        }
        return null;
    }

    /** True once the state is rebuilt and the loop processes live input. */
    @Override
    public boolean live() {
        CoordinatorEngine e = engine;
        return thread != null && e != null && e.isLive();
    }

    private void supervise(CountDownLatch signal) {
        while (signal.getCount() > 0) {
            try {
                engine = newEngine();
                topics.ensureTopics();
                // Fence first: from here on, no earlier leader's decision or snapshot reaches anyone.
                snapshots.fence();
                try (AcknowledgedPublisher decisions = clients.decisionPublisher()) {
                    CoordinatorLoop l = new CoordinatorLoop(
                            engine,
                            clients,
                            new AnswerPublisher(decisions, KafkaClients.GROUP_ID, config.answerPatience()),
                            reader,
                            metrics,
                            config.maxRequestBytes(),
                            tickInterval(),
                            snapshots,
                            config.snapshotInterval());
                    loop = l;
                    if (signal.getCount() == 0) {
                        return;
                    }
                    l.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (FencedException e) {
                // Another coordinator was elected while this one was cut off or frozen, and this one has not
                // heard yet: stop deciding (without fencing the new leader in turn) and ask the group again.
                LOG.warnf(
                        "fenced: a newer leader publishes now (%s); this coordinator stops deciding and joins the"
                                + " election again",
                        e.getMessage());
                metrics.fenced();
                LeaderElection current = election;
                if (current != null) {
                    current.rejoin();
                }
                return;
            } catch (RuntimeException e) {
                if (signal.getCount() == 0) {
                    return;
                }
                LOG.errorf(e, "coordinator loop failed; rebuilding state from Kafka in %s", BACKOFF);
            }
            try {
                if (signal.await(BACKOFF.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private CoordinatorEngine newEngine() {
        return new CoordinatorEngine(
                config.maxAttempts(), config.heartbeatTimeout(), config.startTimeout(), Clock.systemUTC(), metrics);
    }

    /** Heartbeats are checked a few times per timeout, at most every 5 s. */
    private Duration tickInterval() {
        Duration quarter = config.heartbeatTimeout().dividedBy(4);
        Duration max = Duration.ofSeconds(5);
        Duration min = Duration.ofMillis(100);
        return quarter.compareTo(max) > 0 ? max : quarter.compareTo(min) < 0 ? min : quarter;
    }
}

package io.transferlab.launcher.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Restarts a service process that dies, as Kubernetes would: with exponential backoff, logged. A
 * process stopped on purpose ({@link ServiceProcess#stop}) is left alone. Like a Kubernetes liveness
 * probe, a service whose {@code /q/health/live} answers DOWN (503) several probes in a row (a consumer
 * loop died or a job is stuck) is killed, and so restarted. Like a startup probe, a service that has not once
 * answered UP within {@link #startupDeadline} of its start (hung while starting: no HTTP answer at all, or DOWN
 * from the first probe on) is killed and restarted too.
 */
public final class Supervisor implements AutoCloseable {

    private final List<ServiceProcess> services;
    private final Backoff backoff;
    private final Consumer<String> log;
    private final Runnable onRestart;
    private final ScheduledExecutorService executor;
    private final Map<String, Duration> lastDelay = new HashMap<>();
    private final Map<String, Instant> startedAt = new HashMap<>();
    private final Map<String, Integer> restarts = new HashMap<>();
    private final Map<String, Boolean> pending = new HashMap<>();
    private final Map<String, Integer> notLive = new HashMap<>();
    private final Map<String, Boolean> seenLive = new HashMap<>();
    private Duration probeEvery = Duration.ofSeconds(10);
    private Duration startupDeadline = Duration.ofMinutes(5);
    private int failuresBeforeRestart = 3;
    private Instant lastProbe = Instant.EPOCH;
    private volatile boolean closed;

    public Supervisor(List<ServiceProcess> services, Backoff backoff, Consumer<String> log, Runnable onRestart) {
        this.services = List.copyOf(services);
        this.backoff = backoff;
        this.log = log;
        this.onRestart = onRestart;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "supervisor");
            t.setDaemon(true);
            return t;
        });
    }

    /** How often liveness is probed and how many DOWN answers in a row get a service restarted. */
    public synchronized Supervisor probeLiveness(Duration every, int failures) {
        this.probeEvery = every;
        this.failuresBeforeRestart = failures;
        return this;
    }

    /** How long a (re)started service may take to answer its liveness probe UP for the first time. */
    public synchronized Supervisor startupDeadline(Duration deadline) {
        this.startupDeadline = deadline;
        return this;
    }

    /** Starts watching; the services must already be running. */
    public void start(Duration pollInterval) {
        Instant now = Instant.now();
        synchronized (this) {
            services.forEach(s -> startedAt.put(s.name(), now));
        }
        executor.scheduleWithFixedDelay(
                this::check, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many times the service was restarted. */
    public synchronized int restarts(String name) {
        return restarts.getOrDefault(name, 0);
    }

    private synchronized void check() {
        if (closed) {
            return;
        }
        probeLivenessIfDue();
        for (ServiceProcess service : services) {
            String name = service.name();
            if (service.isAlive() || service.isStopping() || pending.getOrDefault(name, false)) {
                continue;
            }
            Duration ranFor = Duration.between(startedAt.getOrDefault(name, Instant.now()), Instant.now());
            Duration delay = backoff.next(lastDelay.get(name), ranFor);
            lastDelay.put(name, delay);
            pending.put(name, true);
            int attempt = restarts.getOrDefault(name, 0) + 1;
            log.accept(name + " (pid " + service.pid() + ") exited with status " + service.exitStatus()
                    + "; restarting in " + delay.toMillis() + " ms (restart #" + attempt + "); log: "
                    + service.spec().logFile());
            executor.schedule(() -> restart(service, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void probeLivenessIfDue() {
        Instant now = Instant.now();
        if (Duration.between(lastProbe, now).compareTo(probeEvery) < 0) {
            return;
        }
        lastProbe = now;
        for (ServiceProcess service : services) {
            String name = service.name();
            if (!service.isAlive() || service.isStopping() || pending.getOrDefault(name, false)) {
                notLive.remove(name);
                continue;
            }
            ServiceProcess.Liveness liveness = service.liveness();
            if (liveness == ServiceProcess.Liveness.UP) {
                seenLive.put(name, true);
            } else if (!seenLive.getOrDefault(name, false)) {
                Duration starting = Duration.between(startedAt.getOrDefault(name, now), now);
                if (starting.compareTo(startupDeadline) > 0) {
                    log.accept(name + " (pid " + service.pid() + ") has not answered "
                            + service.spec().livenessPath()
                            + " UP in the " + startupDeadline.toSeconds() + " s since it started; killing it to"
                            + " restart it; log: " + service.spec().logFile());
                    notLive.remove(name);
                    service.kill();
                    continue;
                }
            }
            // Only an explicit DOWN counts: a service still starting does not answer at all.
            int failures = liveness == ServiceProcess.Liveness.DOWN ? notLive.getOrDefault(name, 0) + 1 : 0;
            notLive.put(name, failures);
            if (failures >= failuresBeforeRestart) {
                notLive.remove(name);
                log.accept(name + " (pid " + service.pid() + ") is not live (" + failures + " probes of "
                        + service.spec().livenessPath() + " answered DOWN); killing it to restart it");
                service.kill();
            }
        }
    }

    private void restart(ServiceProcess service, int attempt) {
        synchronized (this) {
            pending.put(service.name(), false);
            if (closed || service.isStopping()) {
                return;
            }
            try {
                service.start();
            } catch (RuntimeException e) {
                log.accept("cannot restart " + service.name() + ": " + e.getMessage());
                return;
            }
            startedAt.put(service.name(), Instant.now());
            seenLive.remove(service.name());
            restarts.put(service.name(), attempt);
            log.accept("restarted " + service.name() + " (pid " + service.pid() + ")");
        }
        onRestart.run();
    }

    /** Stops supervising and stops every service (reverse order). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        executor.shutdownNow();
        List<ServiceProcess> reversed = new java.util.ArrayList<>(services);
        java.util.Collections.reverse(reversed);
        reversed.forEach(s -> s.stop(Duration.ofSeconds(20)));
    }
}

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
 * process stopped on purpose ({@link ServiceProcess#stop}) is left alone.
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

    /** Starts watching; the services must already be running. */
    public void start(Duration pollInterval) {
        Instant now = Instant.now();
        synchronized (this) {
            services.forEach(s -> startedAt.put(s.name(), now));
        }
        executor.scheduleWithFixedDelay(this::check, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** How many times the service was restarted. */
    public synchronized int restarts(String name) {
        return restarts.getOrDefault(name, 0);
    }

    private synchronized void check() {
        if (closed) {
            return;
        }
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

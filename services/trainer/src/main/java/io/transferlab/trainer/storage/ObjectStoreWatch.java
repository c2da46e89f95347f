package io.transferlab.trainer.storage;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Pings the object store on its own thread every few seconds, so the job consumer stops taking jobs
 * while the store is away (a job taken then would only wait or fail) and takes them again when it is
 * back. Running jobs are not touched: they wait out the outage in their retries.
 */
public final class ObjectStoreWatch implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ObjectStoreWatch.class);

    private final ObjectStore store;
    private final Duration every;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "object-store-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean reachable = true;
    private volatile long lastCheckNanos = System.nanoTime();

    public ObjectStoreWatch(ObjectStore store, Duration every) {
        this.store = store;
        this.every = every;
    }

    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        timer.scheduleWithFixedDelay(this::check, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** False from the first failed ping until the next one that answers. */
    public boolean reachable() {
        return reachable;
    }

    /** Liveness: the watch went round within a few of its periods (a ping times out after seconds). */
    public boolean isAlive() {
        return System.nanoTime() - lastCheckNanos
                < every.multipliedBy(4).plusSeconds(30).toNanos();
    }

    private void check() {
        try {
            store.ping();
            if (!reachable) {
                LOG.info("object store is back: taking jobs again");
            }
            reachable = true;
        } catch (Throwable e) {
            if (reachable) {
                LOG.warnf("object store unreachable (%s): taking no new jobs until it answers", e.toString());
            }
            reachable = false;
        } finally {
            lastCheckNanos = System.nanoTime();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

package io.transferlab.kafka;

import java.time.Duration;

/**
 * Whether a consumer or worker loop is working: its thread runs and it passed through its loop
 * recently ({@link #beat()} once per poll). A service's liveness check reads it, so a loop that died
 * or hangs makes the service not live and Kubernetes (or the launcher's supervisor) restarts it.
 */
public final class LoopLiveness {
    private final String name;
    private final Duration maxSilence;
    private volatile Thread thread;
    private volatile long lastBeatNanos = System.nanoTime();
    private volatile String ended;

    public LoopLiveness(String name, Duration maxSilence) {
        this.name = name;
        this.maxSilence = maxSilence;
    }

    /** The loop's thread; call once, before it starts. */
    public void watch(Thread loopThread) {
        this.thread = loopThread;
        this.ended = null;
        beat();
    }

    /** One pass through the loop. */
    public void beat() {
        lastBeatNanos = System.nanoTime();
    }

    /** The loop left for good (an error, not a requested stop). */
    public void ended(String why) {
        ended = why;
    }

    public String name() {
        return name;
    }

    public Duration silence() {
        return Duration.ofNanos(System.nanoTime() - lastBeatNanos);
    }

    /** Why the loop is not working, or null while it is. */
    public String problem() {
        Thread t = thread;
        if (ended != null) {
            return name + " ended: " + ended;
        }
        if (t != null && !t.isAlive()) {
            return name + " thread is dead";
        }
        if (silence().compareTo(maxSilence) > 0) {
            return name + " made no pass for " + silence().toSeconds() + "s";
        }
        return null;
    }

    public boolean alive() {
        return problem() == null;
    }
}

package io.transferlab.launcher.cli;

import io.transferlab.contracts.Topics;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.launcher.LauncherException;
import io.transferlab.launcher.client.KafkaEvents;
import io.transferlab.launcher.render.ProgressTracker;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/** Follows an experiment's events and shows its progress until a condition holds. */
public final class Follow {

    private static final List<String> TOPICS = List.of(Topics.EXPERIMENT_EVENTS, Topics.JOB_EVENTS, Topics.SCORES);

    private final String bootstrap;
    private final PrintStream out;
    private final boolean redraw;
    private String lastLine = "";

    /**
     * @param redraw redraw one line in place (a terminal) instead of printing a line per change
     */
    public Follow(String bootstrap, PrintStream out, boolean redraw) {
        this.bootstrap = bootstrap;
        this.out = out;
        this.redraw = redraw;
    }

    /** Reads the event topics from the beginning into {@code tracker} until {@code done} or the timeout. */
    public ProgressTracker until(ProgressTracker tracker, Predicate<ProgressTracker> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaEvents.Tail tail = new KafkaEvents.Tail(bootstrap, TOPICS)) {
            while (!done.test(tracker)) {
                if (Instant.now().isAfter(deadline)) {
                    finishLine();
                    throw new LauncherException("Gave up after " + timeout.toMinutes() + " min: " + tracker.render(30));
                }
                boolean changed = false;
                for (TransferLabEvent event : tail.poll(Duration.ofMillis(500))) {
                    changed |= tracker.accept(event);
                }
                if (changed) {
                    show(tracker.render(30));
                }
            }
        }
        finishLine();
        return tracker;
    }

    private void show(String line) {
        if (line.equals(lastLine)) {
            return;
        }
        if (redraw) {
            int pad = Math.max(0, lastLine.length() - line.length());
            out.print("\r" + line + " ".repeat(pad));
        } else {
            out.println(line);
        }
        out.flush();
        lastLine = line;
    }

    private void finishLine() {
        if (redraw && !lastLine.isEmpty()) {
            out.println();
            lastLine = "";
        }
    }
}

package io.transferlab.launcher.render;

import io.transferlab.contracts.events.EpochCompleted;
import io.transferlab.contracts.events.ExperimentAccepted;
import io.transferlab.contracts.events.ExperimentCancelled;
import io.transferlab.contracts.events.ExperimentCompleted;
import io.transferlab.contracts.events.ExperimentEvent;
import io.transferlab.contracts.events.ExperimentFailed;
import io.transferlab.contracts.events.ExperimentPlanned;
import io.transferlab.contracts.events.ExperimentProgress;
import io.transferlab.contracts.events.ExperimentRejected;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobEvent;
import io.transferlab.contracts.events.JobFailed;
import io.transferlab.contracts.events.JobStarted;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.events.TransferScoresComputed;
import io.transferlab.contracts.model.JobCounts;
import io.transferlab.contracts.model.Problem;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one experiment is doing, folded from its events: accepted or rejected, planned jobs, job
 * counts, the job in flight (epoch and validation accuracy) and the end. Identifies the experiment
 * by its id or, before the coordinator has assigned one, by the request's event id.
 */
public final class ProgressTracker {

    /** Where the experiment stands. */
    public enum Phase {
        SUBMITTED,
        ACCEPTED,
        RUNNING,
        COMPLETED,
        FAILED,
        REJECTED,
        CANCELLED;

        public boolean terminal() {
            return this == COMPLETED || this == FAILED || this == REJECTED || this == CANCELLED;
        }
    }

    /** The job in flight. */
    public record CurrentJob(String jobId, int epoch, int epochs, Double valTop1) {}

    private final String requestEventId;
    private String experimentId;
    private Phase phase = Phase.SUBMITTED;
    private int totalJobs;
    private JobCounts counts;
    private final Set<String> succeeded = new HashSet<>();
    private final Set<String> failed = new HashSet<>();
    private CurrentJob current;
    private String reason;
    private List<Problem> problems = List.of();
    private boolean finalScores;
    /** Compute milliseconds by job, from the job's (last) JobCompleted: a redelivered event counts once. */
    private final Map<String, Long> computeMillis = new HashMap<>();

    private final Map<String, Long> jobMillis = new HashMap<>();

    private boolean computeKnown = true;
    private long durationMillis = -1;

    public ProgressTracker(String requestEventId, String experimentId) {
        this.requestEventId = requestEventId;
        this.experimentId = experimentId;
    }

    /** Folds one event in; returns whether it was about this experiment. */
    public boolean accept(TransferLabEvent event) {
        if (event instanceof ExperimentAccepted accepted) {
            boolean ours = experimentId != null
                    ? experimentId.equals(accepted.experimentId())
                    : requestEventId != null
                            && requestEventId.equals(accepted.request().eventId());
            if (!ours) {
                return false;
            }
            experimentId = accepted.experimentId();
            if (phase == Phase.SUBMITTED) {
                phase = Phase.ACCEPTED;
            }
            return true;
        }
        if (event instanceof ExperimentRejected rejected) {
            // By request id when known: a rejected duplicate of an accepted request does not end the first one.
            boolean ours = requestEventId != null
                    ? requestEventId.equals(rejected.requestEventId())
                    : phase == Phase.SUBMITTED && rejected.experimentId().equals(experimentId);
            if (!ours) {
                return false;
            }
            experimentId = experimentId == null ? rejected.experimentId() : experimentId;
            phase = Phase.REJECTED;
            problems = rejected.problems();
            return true;
        }
        if (experimentId == null || !experimentId.equals(idOf(event))) {
            return false;
        }
        if (event instanceof ExperimentPlanned planned) {
            totalJobs = planned.jobs().size();
            advance(Phase.RUNNING);
        } else if (event instanceof ExperimentProgress progress) {
            counts = progress.counts();
            totalJobs = Math.max(totalJobs, counts.total());
            advance(Phase.RUNNING);
        } else if (event instanceof JobStarted started) {
            current = new CurrentJob(started.jobId(), 0, 0, null);
        } else if (event instanceof EpochCompleted epoch) {
            current = new CurrentJob(epoch.jobId(), epoch.epoch(), epoch.epochs(), epoch.valTop1());
        } else if (event instanceof JobCompleted completed) {
            succeeded.add(completed.jobId());
            failed.remove(completed.jobId());
            Long step = completed.result().stepMillis();
            Long eval = completed.result().evalMillis();
            computeKnown &= step != null && eval != null;
            computeMillis.put(completed.jobId(), (step == null ? 0 : step) + (eval == null ? 0 : eval));
            jobMillis.put(completed.jobId(), completed.result().totalMillis());
            clearCurrent(completed.jobId());
        } else if (event instanceof JobFailed jobFailed) {
            if (!jobFailed.retryable()) {
                failed.add(jobFailed.jobId());
            }
            clearCurrent(jobFailed.jobId());
        } else if (event instanceof ExperimentCompleted completed) {
            counts = completed.counts();
            durationMillis = completed.durationMillis();
            phase = Phase.COMPLETED;
            current = null;
        } else if (event instanceof ExperimentFailed experimentFailed) {
            counts = experimentFailed.counts() == null ? counts : experimentFailed.counts();
            reason = experimentFailed.reason();
            phase = Phase.FAILED;
            current = null;
        } else if (event instanceof ExperimentCancelled cancelled) {
            reason = cancelled.reason();
            phase = Phase.CANCELLED;
            current = null;
        } else if (event instanceof TransferScoresComputed scores) {
            finalScores |= !scores.partial();
        }
        return true;
    }

    private void clearCurrent(String jobId) {
        if (current != null && current.jobId().equals(jobId)) {
            current = null;
        }
    }

    private void advance(Phase next) {
        if (!phase.terminal() && next.ordinal() > phase.ordinal()) {
            phase = next;
        }
    }

    private static String idOf(TransferLabEvent event) {
        if (event instanceof ExperimentEvent e) {
            return e.experimentId();
        }
        if (event instanceof JobEvent e) {
            return e.experimentId();
        }
        return null;
    }

    public String experimentId() {
        return experimentId;
    }

    public Phase phase() {
        return phase;
    }

    public boolean terminal() {
        return phase.terminal();
    }

    public int totalJobs() {
        return totalJobs;
    }

    /** Jobs that finished (succeeded, or failed for good). */
    public int doneJobs() {
        int fromCounts = counts == null ? 0 : counts.terminal();
        return Math.max(fromCounts, succeeded.size() + failed.size());
    }

    public int succeededJobs() {
        return Math.max(counts == null ? 0 : counts.succeeded(), succeeded.size());
    }

    public CurrentJob current() {
        return current;
    }

    public String reason() {
        return reason;
    }

    public List<Problem> problems() {
        return problems;
    }

    /**
     * The completed experiment's wall time against its jobs' compute time, for one job slot ({@link
     * ComputeShare#withSlots} for more); null before completion or when a job's result came from a trainer that
     * does not report its compute time.
     */
    public ComputeShare computeShare() {
        if (phase != Phase.COMPLETED || durationMillis < 0 || !computeKnown) {
            return null;
        }
        long compute =
                computeMillis.values().stream().mapToLong(Long::longValue).sum();
        long job = jobMillis.values().stream().mapToLong(Long::longValue).sum();
        return new ComputeShare(durationMillis / 1000.0, compute / 1000.0, job / 1000.0, 1);
    }

    /** Whether analytics published the final (not partial) scores. */
    public boolean finalScores() {
        return finalScores;
    }

    /** One line: an overall bar, the job count and the job in flight. */
    public String render(int barWidth) {
        StringBuilder line = new StringBuilder();
        int total = totalJobs;
        int done = doneJobs();
        int filled = total == 0 ? 0 : Math.min(barWidth, done * barWidth / total);
        line.append('[')
                .append("#".repeat(filled))
                .append(".".repeat(barWidth - filled))
                .append("] ");
        line.append(done)
                .append('/')
                .append(total == 0 ? "?" : String.valueOf(total))
                .append(" jobs");
        if (!failed.isEmpty()) {
            line.append(", ").append(failed.size()).append(" failed");
        }
        switch (phase) {
            case SUBMITTED -> line.append("  waiting for the coordinator");
            case ACCEPTED -> line.append("  accepted ").append(experimentId).append(", planning");
            case COMPLETED -> line.append("  completed");
            case FAILED -> line.append("  FAILED: ").append(reason);
            case CANCELLED -> line.append("  cancelled: ").append(reason);
            case REJECTED -> line.append("  REJECTED");
            case RUNNING -> {
                if (current != null) {
                    line.append("  ").append(current.jobId());
                    if (current.epochs() > 0) {
                        line.append(" epoch ")
                                .append(current.epoch())
                                .append('/')
                                .append(current.epochs());
                    } else {
                        line.append(" starting");
                    }
                    if (current.valTop1() != null) {
                        line.append(String.format(Locale.ROOT, " val %.1f%%", current.valTop1() * 100));
                    }
                }
            }
        }
        return line.toString();
    }
}

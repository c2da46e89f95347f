package io.transferlab.trainer.storage;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Checkpoints of training jobs in the object store, laid out as DESIGN.md fixes:
 * {@code experiments/<experimentId>/jobs/<jobId>/epoch-<NNNN>.ckpt} and {@code .../final.ckpt}.
 */
public class CheckpointStore {
    private static final Logger LOG = Logger.getLogger(CheckpointStore.class);
    private static final Pattern EPOCH_FILE = Pattern.compile("epoch-(\\d{4,})\\.ckpt");

    private final ObjectStore store;

    public CheckpointStore(ObjectStore store) {
        this.store = store;
    }

    public ObjectStore objectStore() {
        return store;
    }

    /** An epoch checkpoint in the store. */
    public record EpochCheckpoint(int epoch, String key) {
    }

    /** A verified local copy of an epoch checkpoint. */
    public record LocalCheckpoint(int epoch, Path file, String sha256) {
    }

    public static String jobPrefix(String experimentId, String jobId) {
        return "experiments/" + experimentId + "/jobs/" + jobId + "/";
    }

    public static String epochKey(String experimentId, String jobId, int epoch) {
        return jobPrefix(experimentId, jobId) + epochFileName(epoch);
    }

    public static String finalKey(String experimentId, String jobId) {
        return jobPrefix(experimentId, jobId) + "final.ckpt";
    }

    public static String epochFileName(int epoch) {
        return String.format("epoch-%04d.ckpt", epoch);
    }

    public StoredObject uploadEpoch(String experimentId, String jobId, int epoch, Path file) {
        return store.upload(epochKey(experimentId, jobId, epoch), file);
    }

    public StoredObject uploadFinal(String experimentId, String jobId, Path file) {
        return store.upload(finalKey(experimentId, jobId), file);
    }

    /** The job's epoch checkpoints in the store, oldest first. */
    public List<EpochCheckpoint> epochCheckpoints(String experimentId, String jobId) {
        String prefix = jobPrefix(experimentId, jobId);
        return store.list(store.bucket(), prefix).stream()
                .map(o -> parse(o.key().substring(prefix.length()), o.key()))
                .flatMap(Optional::stream)
                .sorted(Comparator.comparingInt(EpochCheckpoint::epoch))
                .toList();
    }

    /**
     * Downloads the newest epoch checkpoint of the job whose bytes match its stored SHA-256 into
     * {@code dir}; corrupt or unverifiable ones are skipped (an older one costs more epochs, never a wrong result).
     */
    public Optional<LocalCheckpoint> latestVerifiedEpoch(String experimentId, String jobId, Path dir) {
        List<EpochCheckpoint> all = epochCheckpoints(experimentId, jobId);
        for (int i = all.size() - 1; i >= 0; i--) {
            EpochCheckpoint candidate = all.get(i);
            Path target = dir.resolve("resume-" + epochFileName(candidate.epoch()));
            try {
                String sha = store.download(store.bucket(), candidate.key(), target, null);
                return Optional.of(new LocalCheckpoint(candidate.epoch(), target, sha));
            } catch (CorruptObjectException | ObjectMissingException e) {
                LOG.warnf("skipping epoch checkpoint %s: %s", candidate.key(), e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Deletes all but the newest {@code keep} epoch checkpoints of the job (the final one is never touched). */
    public List<String> applyRetention(String experimentId, String jobId, int keep) {
        List<EpochCheckpoint> all = epochCheckpoints(experimentId, jobId);
        List<String> doomed = all.subList(0, Math.max(0, all.size() - Math.max(0, keep))).stream()
                .map(EpochCheckpoint::key)
                .toList();
        doomed.forEach(store::delete);
        return doomed;
    }

    private static Optional<EpochCheckpoint> parse(String fileName, String key) {
        Matcher m = EPOCH_FILE.matcher(fileName);
        return m.matches() ? Optional.of(new EpochCheckpoint(Integer.parseInt(m.group(1)), key)) : Optional.empty();
    }
}

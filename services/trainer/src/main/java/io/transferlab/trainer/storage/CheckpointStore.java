package io.transferlab.trainer.storage;

import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.model.JobSpec;
import io.transferlab.trainer.engine.data.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Checkpoints of training jobs in the object store, laid out as DESIGN.md fixes:
 * {@code experiments/<experimentId>/jobs/<jobId>/epoch-<NNNN>.ckpt} (shared by the job's attempts, so a
 * later attempt resumes where an earlier one stopped) and, per attempt,
 * {@code .../attempt-<N>/final-<first 16 hex digits of its SHA-256>.ckpt} and {@code .../attempt-<N>/result.json}.
 * A final's key is derived from its bytes, so no key ever holds two different finals; the result is
 * written once and names the final it belongs to, so the checkpoint URI and digest a dependant job is
 * told always match the bytes in the store, whatever run of the attempt wrote first.
 */
public class CheckpointStore {
    private static final Logger LOG = Logger.getLogger(CheckpointStore.class);
    private static final Pattern EPOCH_FILE = Pattern.compile("epoch-(\\d{4,})\\.ckpt");
    private static final Pattern RESULT_FILE = Pattern.compile("attempt-(\\d+)/result\\.json");

    private final ObjectStore store;

    public CheckpointStore(ObjectStore store) {
        this.store = store;
    }

    public ObjectStore objectStore() {
        return store;
    }

    /** An epoch checkpoint in the store. */
    public record EpochCheckpoint(int epoch, String key) {}

    /** A verified local copy of an epoch checkpoint. */
    public record LocalCheckpoint(int epoch, Path file, String sha256) {}

    public static String jobPrefix(String experimentId, String jobId) {
        return "experiments/" + experimentId + "/jobs/" + jobId + "/";
    }

    public static String epochKey(String experimentId, String jobId, int epoch) {
        return jobPrefix(experimentId, jobId) + epochFileName(epoch);
    }

    public static String attemptPrefix(String experimentId, String jobId, int attempt) {
        return jobPrefix(experimentId, jobId) + "attempt-" + attempt + "/";
    }

    public static String finalKey(String experimentId, String jobId, int attempt, String sha256) {
        return attemptPrefix(experimentId, jobId, attempt) + "final-" + sha256.substring(0, 16) + ".ckpt";
    }

    public static String resultKey(String experimentId, String jobId, int attempt) {
        return attemptPrefix(experimentId, jobId, attempt) + "result.json";
    }

    public static String epochFileName(int epoch) {
        return String.format("epoch-%04d.ckpt", epoch);
    }

    public StoredObject uploadEpoch(String experimentId, String jobId, int epoch, Path file) {
        return store.upload(epochKey(experimentId, jobId, epoch), file);
    }

    /** Stores a final checkpoint of the attempt under its content-derived key (once: the same bytes stay). */
    public StoredObject uploadFinal(String experimentId, String jobId, int attempt, Path file) {
        return store.uploadOnce(finalKey(experimentId, jobId, attempt, Digests.sha256(file)), file);
    }

    /**
     * Records the attempt's result next to its final checkpoint, unless one is there already; returns the
     * stored one (another run of the same attempt may have written first).
     */
    public CompletedRun saveResult(String experimentId, String jobId, CompletedRun run, Path workDir) {
        String key = resultKey(experimentId, jobId, run.attempt());
        try {
            Path file = Files.write(
                    Files.createDirectories(workDir).resolve("result-" + run.attempt() + ".json"),
                    EventCodec.toJson(run));
            StoredObject stored = store.uploadOnce(key, file);
            CompletedRun kept = java.util.Objects.equals(stored.sha256(), Digests.sha256(file))
                    ? run
                    : read(stored.key(), workDir).orElseThrow();
            Files.deleteIfExists(file);
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result of " + jobId, e);
        }
    }

    /**
     * The newest completed attempt of the job up to {@code attempt} that trained {@code spec}, whose result
     * and final checkpoint are both in the store and verify; empty when there is none.
     */
    public Optional<CompletedRun> completedRun(
            String experimentId, String jobId, int attempt, JobSpec spec, Path workDir) {
        String prefix = jobPrefix(experimentId, jobId);
        List<Integer> attempts = store.list(store.bucket(), prefix + "attempt-").stream()
                .map(o -> RESULT_FILE.matcher(o.key().substring(prefix.length())))
                .filter(Matcher::matches)
                .map(m -> Integer.parseInt(m.group(1)))
                .filter(n -> n <= attempt)
                .sorted(Comparator.reverseOrder())
                .toList();
        for (int candidate : attempts) {
            Optional<CompletedRun> run = read(resultKey(experimentId, jobId, candidate), workDir)
                    .filter(r -> r.attempt() == candidate && spec.equals(r.spec()))
                    .filter(r -> finalMatches(experimentId, jobId, r));
            if (run.isPresent()) {
                return run;
            }
        }
        return Optional.empty();
    }

    private boolean finalMatches(String experimentId, String jobId, CompletedRun run) {
        if (run.result().checkpointUri() == null) {
            return true; // a CKA job has no checkpoint
        }
        S3Uri uri = S3Uri.parse(run.result().checkpointUri());
        return uri.key().startsWith(attemptPrefix(experimentId, jobId, run.attempt()))
                && store.stat(uri.bucket(), uri.key())
                        .map(StoredObject::sha256)
                        .filter(run.result().checkpointSha256()::equals)
                        .isPresent();
    }

    private Optional<CompletedRun> read(String key, Path workDir) {
        Path target = workDir.resolve("stored-" + key.replace('/', '_'));
        try {
            store.download(store.bucket(), key, target, null);
            CompletedRun run = EventCodec.fromJson(Files.readAllBytes(target), CompletedRun.class);
            Files.deleteIfExists(target);
            return Optional.of(run);
        } catch (CorruptObjectException | ObjectMissingException e) {
            LOG.warnf("ignoring stored result %s: %s", key, e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + target, e);
        } catch (RuntimeException e) {
            if (e instanceof ObjectStoreUnavailableException) {
                throw e;
            }
            LOG.warnf("ignoring unreadable stored result %s: %s", key, e.toString());
            return Optional.empty();
        }
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

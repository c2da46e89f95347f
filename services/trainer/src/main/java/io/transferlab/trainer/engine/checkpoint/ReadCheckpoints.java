package io.transferlab.trainer.engine.checkpoint;

import io.transferlab.trainer.engine.cache.WeighedCache;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Checkpoints already read, by the SHA-256 of their file, so that the many jobs copying layers from one base
 * network read, inflate and verify its checkpoint once per trainer rather than once per job. A checkpoint file
 * is found again only by the digest its caller expects (the digest in the job's input reference, which the
 * trainer checked against the local file); entries are dropped, least recently used first, beyond {@code
 * maxBytes} of parameters and updater state, and a checkpoint larger than that is never kept. Callers must not
 * modify a returned checkpoint's arrays ({@link Checkpoint#restoreNetwork()} copies them).
 */
public final class ReadCheckpoints {
    private final WeighedCache<String, Checkpoint> entries;
    private long reads;

    public ReadCheckpoints(long maxBytes) {
        this.entries = new WeighedCache<>(maxBytes, ReadCheckpoints::size);
    }

    /** The checkpoint in {@code file} whose SHA-256 is {@code sha256}: read only when not kept already. */
    public Checkpoint read(Path file, String sha256) {
        String key = sha256.toLowerCase(Locale.ROOT);
        Optional<Checkpoint> kept = entries.get(key);
        if (kept.isPresent()) {
            return kept.get();
        }
        Checkpoint read = CheckpointFiles.read(file);
        synchronized (this) {
            reads++;
        }
        if (read.fileSha256().equalsIgnoreCase(key)) {
            entries.put(key, read);
        }
        return read;
    }

    /** How many times a file was read (not served from memory). */
    public synchronized long reads() {
        return reads;
    }

    private static long size(Checkpoint ck) {
        long values = ck.params().length()
                + (ck.updaterState() == null ? 0 : ck.updaterState().length());
        return values * ck.params().dataType().width();
    }
}

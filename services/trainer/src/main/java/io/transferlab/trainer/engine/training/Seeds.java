package io.transferlab.trainer.engine.training;

import java.nio.charset.StandardCharsets;

/**
 * Derives independent 64-bit seeds from a job's seed and a purpose, so that initialisation, shuffling and
 * dropout of every epoch are each a pure function of (seed, purpose, epoch). That is what makes a run that
 * resumes at an epoch boundary see the same data order and the same dropout masks as an uninterrupted one.
 */
public final class Seeds {
    private Seeds() {}

    public static long derive(long seed, String purpose, long... parts) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ b);
        }
        for (long p : parts) {
            h = mix(h ^ p);
        }
        return h;
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

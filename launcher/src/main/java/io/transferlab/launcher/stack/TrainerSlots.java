package io.transferlab.launcher.stack;

import io.transferlab.launcher.LauncherException;
import java.util.Map;

/**
 * How the local stack's trainer uses the machine's cores: jobs trained side by side and OpenMP threads per job.
 * Measured on a 2-core machine (benchmarks/README.md, "Cores"): two 1-thread jobs side by side train 2.2x the
 * images per second of one 2-thread job, and one 1-thread job alone is faster than one 2-thread job, so the
 * default is one job per core with one thread each, and never more threads in all than cores. The environment
 * overrides either number ({@code TRANSFERLAB_TRAINER_MAX_CONCURRENT_JOBS}, {@code OMP_NUM_THREADS}); the other
 * then follows the rule threads per job = cores / jobs.
 */
public record TrainerSlots(int jobs, int threadsPerJob) {
    static final String JOBS_VARIABLE = "TRANSFERLAB_TRAINER_MAX_CONCURRENT_JOBS";
    static final String THREADS_VARIABLE = "OMP_NUM_THREADS";

    public TrainerSlots {
        if (jobs < 1 || threadsPerJob < 1) {
            throw new IllegalArgumentException("a trainer needs at least one job slot and one thread per job");
        }
    }

    public static TrainerSlots of(int cores, Map<String, String> environment) {
        int available = Math.max(1, cores);
        Integer jobs = positive(environment, JOBS_VARIABLE);
        Integer threads = positive(environment, THREADS_VARIABLE);
        if (jobs == null && threads == null) {
            return new TrainerSlots(available, 1);
        }
        if (jobs == null) {
            return new TrainerSlots(Math.max(1, available / threads), threads);
        }
        return new TrainerSlots(jobs, threads != null ? threads : Math.max(1, available / jobs));
    }

    private static Integer positive(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new LauncherException(name + " must be a positive whole number, got '" + value + "'");
        }
    }
}

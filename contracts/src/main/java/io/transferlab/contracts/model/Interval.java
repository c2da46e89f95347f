package io.transferlab.contracts.model;

/**
 * A mean with a 95% confidence interval over {@code count} samples (replicates). {@code method} is "t"
 * (Student t), "welch-t" (a difference of two independent means) or "none" (one sample: low and high
 * are null).
 */
public record Interval(double mean, Double low, Double high, int count, String method) {}

package io.transferlab.trainer.engine.training;

/**
 * Top-1 and (with at least 10 classes, else null) top-5 accuracy as fractions in [0,1], of {@code count}
 * images, {@code nonFinite} of which had a non-finite (NaN or infinite) output and counted as wrong.
 */
public record Accuracy(double top1, Double top5, int count, int nonFinite) {
    public Accuracy(double top1, Double top5, int count) {
        this(top1, top5, count, 0);
    }
}

package io.transferlab.trainer.engine.training;

/** Top-1 and (with at least 10 classes, else null) top-5 accuracy as fractions in [0,1]. */
public record Accuracy(double top1, Double top5, int count) {
}

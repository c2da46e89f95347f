package io.transferlab.trainer.engine;

/** One finished epoch (1-based {@code epoch}); accuracies are fractions in [0,1], top-5 null under 10 classes. */
public record EpochStats(
        int epoch,
        int epochs,
        double trainLoss,
        double valTop1,
        Double valTop5,
        double learningRate,
        double imagesPerSecond,
        long epochMillis) {}

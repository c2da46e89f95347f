package io.transferlab.contracts.model;

/**
 * Training hyper-parameters of every job in an experiment. Defaults follow the paper's optimiser
 * (SGD, momentum 0.9, weight decay 5e-4, learning rate 0.01 divided by {@code lrGamma}^-1 every
 * {@code lrStepEpochs} epochs) at a size this project can train on a CPU.
 *
 * @param imagesPerClass optional cap on training images per class, for quick runs (null = all)
 * @param validationFraction share of the training images held out for validation (seeded)
 * @param validationsPerEpoch how many periodic validations per epoch feed the paper's summary metric
 */
public record TrainingSettings(Integer epochs, Integer batchSize, Double learningRate, Integer lrStepEpochs,
        Double lrGamma, Double momentum, Double weightDecay, Integer imagesPerClass, Double validationFraction,
        Integer validationsPerEpoch) {

    public static final int DEFAULT_EPOCHS = 10;
    public static final int DEFAULT_BATCH_SIZE = 64;

    public TrainingSettings {
        epochs = epochs == null ? DEFAULT_EPOCHS : epochs;
        batchSize = batchSize == null ? DEFAULT_BATCH_SIZE : batchSize;
        learningRate = learningRate == null ? 0.01 : learningRate;
        lrStepEpochs = lrStepEpochs == null ? 0 : lrStepEpochs;
        lrGamma = lrGamma == null ? 0.1 : lrGamma;
        momentum = momentum == null ? 0.9 : momentum;
        weightDecay = weightDecay == null ? 5e-4 : weightDecay;
        validationFraction = validationFraction == null ? 0.1 : validationFraction;
        validationsPerEpoch = validationsPerEpoch == null ? 1 : validationsPerEpoch;
    }

    public static TrainingSettings defaults() {
        return new TrainingSettings(null, null, null, null, null, null, null, null, null, null);
    }
}

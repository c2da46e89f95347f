package io.transferlab.contracts.model;

import java.util.List;

/**
 * Training hyper-parameters of every job in an experiment. Defaults follow the paper's optimiser
 * (SGD, momentum 0.9, weight decay 5e-4, learning rate 0.01 divided by {@code lrGamma}^-1 every
 * {@code lrStepEpochs} epochs) at a size this project can train on a CPU. docs/SCORING.md explains the
 * summary metric, the initialisation and the normalisation options.
 *
 * @param imagesPerClass optional cap on training images per class, for quick runs (null = all)
 * @param validationFraction share of the training images held out for validation (seeded)
 * @param validationsPerEpoch how many periodic validations per epoch (learning curves, {@code best10-last-half})
 * @param summaryMetric the rule behind a job's {@code summaryTop1}: {@value #TEST_TOP1} (default) or
 *     {@value #BEST10_LAST_HALF}
 * @param initialisation how fresh layers are initialised: {@value #INIT_HE} (default) or {@value #INIT_GAUSSIAN}
 *     (the paper's: std 0.01, fc6/fc7 0.005)
 * @param copiedLayerNormalisation which half's pixel statistics normalise the input of a network that copies
 *     layers: {@value #NORMALISE_TARGET} (default) or {@value #NORMALISE_SOURCE} (those the copied layers were
 *     trained with)
 */
public record TrainingSettings(
        Integer epochs,
        Integer batchSize,
        Double learningRate,
        Integer lrStepEpochs,
        Double lrGamma,
        Double momentum,
        Double weightDecay,
        Integer imagesPerClass,
        Double validationFraction,
        Integer validationsPerEpoch,
        String summaryMetric,
        String initialisation,
        String copiedLayerNormalisation) {

    public static final int DEFAULT_EPOCHS = 10;
    public static final int DEFAULT_BATCH_SIZE = 64;

    /** Top-1 on every official test image of the target half, after the last epoch. */
    public static final String TEST_TOP1 = "test-top1";
    /** Mean of the 10 best periodic validation top-1 accuracies among the last half of the validations. */
    public static final String BEST10_LAST_HALF = "best10-last-half";

    public static final List<String> SUMMARY_METRICS = List.of(TEST_TOP1, BEST10_LAST_HALF);

    /** He (ReLU-scaled) normal initialisation, Xavier for the classifier. */
    public static final String INIT_HE = "he";
    /** The paper's Gaussian: std 0.01 everywhere, 0.005 for fc6 and fc7; biases 0. */
    public static final String INIT_GAUSSIAN = "gaussian";

    public static final List<String> INITIALISATIONS = List.of(INIT_HE, INIT_GAUSSIAN);

    /** The target half's own training statistics (what a network trained from scratch on it uses). */
    public static final String NORMALISE_TARGET = "target";
    /** The statistics of the half the copied layers were trained on, from the source checkpoint. */
    public static final String NORMALISE_SOURCE = "source";

    public static final List<String> NORMALISATIONS = List.of(NORMALISE_TARGET, NORMALISE_SOURCE);

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
        summaryMetric = summaryMetric == null ? TEST_TOP1 : summaryMetric;
        initialisation = initialisation == null ? INIT_HE : initialisation;
        copiedLayerNormalisation = copiedLayerNormalisation == null ? NORMALISE_TARGET : copiedLayerNormalisation;
    }

    /** Settings with the default summary metric, initialisation and normalisation. */
    public TrainingSettings(
            Integer epochs,
            Integer batchSize,
            Double learningRate,
            Integer lrStepEpochs,
            Double lrGamma,
            Double momentum,
            Double weightDecay,
            Integer imagesPerClass,
            Double validationFraction,
            Integer validationsPerEpoch) {
        this(
                epochs,
                batchSize,
                learningRate,
                lrStepEpochs,
                lrGamma,
                momentum,
                weightDecay,
                imagesPerClass,
                validationFraction,
                validationsPerEpoch,
                null,
                null,
                null);
    }

    public static TrainingSettings defaults() {
        return new TrainingSettings(null, null, null, null, null, null, null, null, null, null);
    }

    /** The same settings with other options (null keeps the default). */
    public TrainingSettings withOptions(String summaryMetric, String initialisation, String copiedLayerNormalisation) {
        return new TrainingSettings(
                epochs,
                batchSize,
                learningRate,
                lrStepEpochs,
                lrGamma,
                momentum,
                weightDecay,
                imagesPerClass,
                validationFraction,
                validationsPerEpoch,
                summaryMetric,
                initialisation,
                copiedLayerNormalisation);
    }
}

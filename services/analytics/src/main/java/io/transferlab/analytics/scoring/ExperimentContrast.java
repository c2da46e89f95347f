package io.transferlab.analytics.scoring;

import io.transferlab.contracts.model.Interval;

/**
 * One effect at one layer cut in two experiments: its value in each (t intervals over each one's
 * replicates) and the treatment's minus the reference's, with Welch's interval: the experiments are
 * independent samples (different splits, e.g. a dissimilar split against random splits).
 */
public record ExperimentContrast(
        String direction, int n, Interval reference, Interval treatment, Interval difference) {}

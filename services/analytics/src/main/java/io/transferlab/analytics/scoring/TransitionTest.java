package io.transferlab.analytics.scoring;

/**
 * The test behind the transition layer at one cut: the paired specificity (transfer - selffer, one value
 * per replicate), the two-sided t test of a zero mean, its Holm-adjusted p-value across the cuts tested
 * in the same direction (or pool), and whether the cut counts as specific (adjusted p below alpha and a
 * negative mean). {@code pValue} and {@code holmP} are null with one replicate: nothing is tested.
 */
public record TransitionTest(
        String direction, int n, double mean, int count, Double pValue, Double holmP, boolean specific) {}

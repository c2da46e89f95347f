package io.transferlab.analytics.ledger;

/** One point of a job's live learning curve (accuracies as fractions). */
public record EpochPoint(int epoch, int epochs, double trainLoss, double valTop1) {}

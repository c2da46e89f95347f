package io.transferlab.contracts.model;

/**
 * One paired effect at one layer cut, per direction or "pooled". Effects: "co-adaptation"
 * (selffer - base), "specificity" (transfer - selffer), "transfer-gap" (transfer - base),
 * "finetune-gain-transfer", "finetune-gain-selffer", "random-frozen-gap", "generality-index"
 * (transfer / base), "finetuned-specificity" (transfer-finetuned - selffer-finetuned), "finetune-recovery"
 * (transfer-finetuned - transfer), "random-frozen-minus-transfer".
 */
public record EffectScore(String direction, String effect, int n, Interval value) {}

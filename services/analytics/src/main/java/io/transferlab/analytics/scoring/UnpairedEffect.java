package io.transferlab.analytics.scoring;

/**
 * A difference of two arms' means at one layer cut, the way the paper's effect-size table is built
 * ("BnB - base" with base the mean of every base network): {@code name} is "selffer-minus-base",
 * "transfer-minus-selffer", "transfer-minus-base", "transfer-finetuned-minus-base",
 * "selffer-finetuned-minus-base" or "random-frozen-minus-base". Unlike the paired effects it mixes the
 * difficulty of the two halves, which is why PROTOCOL.md asks for paired deltas; it is kept to compare
 * with the paper.
 */
public record UnpairedEffect(String direction, String name, int n, double value, int armCount, int referenceCount) {}

package io.transferlab.contracts.model;

/** Mean accuracy of one arm at one layer cut, per direction ("a-to-b", "b-to-a") or "pooled". */
public record ArmScore(String direction, Arm arm, int n, Interval accuracy) {}

package io.transferlab.contracts.model;

import java.util.List;
import java.util.Map;

/**
 * Scores of one experiment. {@code transitionLayers} maps a direction (or "pooled") to the first n
 * whose paired specificity (transfer - selffer) is below zero by a t test that survives Holm's
 * correction across the cuts tested (absent when there is none yet).
 * {@code ckaDiagonal} is CKA between layer l of baseA and layer l of baseB, l = 1..8, when computed.
 * {@code accuracyMetric} names the rule behind every accuracy in the table ("test-top1", "best10-last-half",
 * "best10-or-all" for results that predate the name, several joined by "+"); null from producers that
 * predate the field.
 */
public record ScoreTable(
        List<ArmScore> arms,
        List<EffectScore> effects,
        Map<String, Integer> transitionLayers,
        List<Double> ckaDiagonal,
        int jobsDone,
        int jobsTotal,
        String accuracyMetric) {
    public ScoreTable {
        arms = arms == null ? List.of() : List.copyOf(arms);
        effects = effects == null ? List.of() : List.copyOf(effects);
        transitionLayers = transitionLayers == null ? Map.of() : Map.copyOf(transitionLayers);
        ckaDiagonal = ckaDiagonal == null ? List.of() : List.copyOf(ckaDiagonal);
    }

    /** A table without the name of its accuracy rule (as producers that predate the field send it). */
    public ScoreTable(
            List<ArmScore> arms,
            List<EffectScore> effects,
            Map<String, Integer> transitionLayers,
            List<Double> ckaDiagonal,
            int jobsDone,
            int jobsTotal) {
        this(arms, effects, transitionLayers, ckaDiagonal, jobsDone, jobsTotal, null);
    }
}

package io.transferlab.analytics.scoring;

import io.transferlab.contracts.model.ArmScore;
import io.transferlab.contracts.model.EffectScore;
import io.transferlab.contracts.model.ScoreTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the scoring computes for one set of networks. */
public record Scores(
        List<ArmScore> arms,
        List<EffectScore> effects,
        List<UnpairedEffect> unpaired,
        Map<String, Integer> transitionLayers,
        List<TransitionTest> transitionTests) {
    public Scores {
        transitionTests = List.copyOf(transitionTests);
        arms = List.copyOf(arms);
        effects = List.copyOf(effects);
        unpaired = List.copyOf(unpaired);
        transitionLayers = Map.copyOf(transitionLayers);
    }

    public ScoreTable toTable(List<Double> ckaDiagonal, int jobsDone, int jobsTotal) {
        return new ScoreTable(arms, effects, transitionLayers, ckaDiagonal, jobsDone, jobsTotal);
    }

    /** The table with the name of the rule behind its accuracies. */
    public ScoreTable toTable(List<Double> ckaDiagonal, int jobsDone, int jobsTotal, String accuracyMetric) {
        return new ScoreTable(arms, effects, transitionLayers, ckaDiagonal, jobsDone, jobsTotal, accuracyMetric);
    }

    public Optional<ArmScore> arm(String direction, io.transferlab.contracts.model.Arm arm, int n) {
        return arms.stream()
                .filter(a -> a.direction().equals(direction) && a.arm() == arm && a.n() == n)
                .findFirst();
    }

    public Optional<EffectScore> effect(String direction, String effect, int n) {
        return effects.stream()
                .filter(e -> e.direction().equals(direction) && e.effect().equals(effect) && e.n() == n)
                .findFirst();
    }

    public Optional<UnpairedEffect> unpaired(String direction, String name, int n) {
        return unpaired.stream()
                .filter(e -> e.direction().equals(direction) && e.name().equals(name) && e.n() == n)
                .findFirst();
    }
}

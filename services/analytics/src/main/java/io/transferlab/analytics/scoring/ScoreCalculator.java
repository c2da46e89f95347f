package io.transferlab.analytics.scoring;

import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.ArmScore;
import io.transferlab.contracts.model.EffectScore;
import io.transferlab.contracts.model.Half;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns trained networks into the scores of PROTOCOL.md, per direction ("a-to-b": target B,
 * "b-to-a": target A) and pooled over the directions the experiment studies (for an "a-to-b" request
 * the pool is target B alone, so base A, trained only as the source, never enters it). The unit of
 * every interval is the replicate (the split, {@link NetworkResult#replicate()}): the networks of one
 * replicate in a scope are averaged first, so the two directions of one split, which share their base
 * networks' split, count once, not as two independent samples.
 * <ul>
 * <li>arm means: every network of an arm at a layer cut (base at n = 0), averaged per replicate;</li>
 * <li>paired effects: each network minus (or, for the generality index, divided by) its partner of the
 * same target half and replicate, averaged per replicate; a network without a partner is left out,
 * never paired with another replicate's;</li>
 * <li>unpaired effects: differences of arm means, the paper's effect-size table;</li>
 * <li>the transition layer: the first n whose specificity (transfer - selffer) is below zero by a t test
 * that survives Holm's correction across the cuts tested ({@link TransitionTest}).</li>
 * </ul>
 */
public final class ScoreCalculator {
    private static final List<Arm> UNPAIRED_ARMS =
            List.of(Arm.SELFFER, Arm.TRANSFER, Arm.TRANSFER_FINETUNED, Arm.SELFFER_FINETUNED, Arm.RANDOM_FROZEN);

    private final IntervalEstimator estimator;
    private final double alpha;

    public ScoreCalculator(ScoringOptions options) {
        this.estimator = new IntervalEstimator(options);
        this.alpha = options.alpha();
    }

    /** Scores networks, pooling the target halves that have a network of a non-base arm ({@link #studiedTargets}). */
    public Scores score(Collection<NetworkResult> networks) {
        return score(networks, studiedTargets(networks));
    }

    /**
     * Scores networks; {@code studied} are the target halves of the directions the experiment studies
     * (the request's directions), the only ones pooled.
     */
    public Scores score(Collection<NetworkResult> networks, Set<Half> studied) {
        List<ArmScore> arms = new ArrayList<>();
        List<EffectScore> effects = new ArrayList<>();
        List<UnpairedEffect> unpaired = new ArrayList<>();
        Map<String, Integer> transitions = new LinkedHashMap<>();
        List<TransitionTest> tests = new ArrayList<>();
        for (Scope scope : Scope.ALL) {
            List<NetworkResult> inScope = scope.select(networks, studied);
            if (inScope.isEmpty()) {
                continue;
            }
            TreeSet<Integer> cuts = new TreeSet<>();
            inScope.stream().filter(r -> r.arm() != Arm.BASE).forEach(r -> cuts.add(r.n()));
            armScores(scope, inScope, arms);
            for (int n : cuts) {
                for (Effect effect : Effect.ALL) {
                    double[] deltas = pairedDeltas(effect, n, inScope);
                    if (deltas.length > 0) {
                        effects.add(
                                new EffectScore(scope.wireName(), effect.wireName(), n, estimator.estimate(deltas)));
                    }
                }
                unpairedEffects(scope, n, inScope, unpaired);
            }
            List<TransitionTest> scopeTests = transitionTests(scope, cuts, inScope);
            tests.addAll(scopeTests);
            scopeTests.stream()
                    .filter(TransitionTest::specific)
                    .mapToInt(TransitionTest::n)
                    .min()
                    .ifPresent(n -> transitions.put(scope.wireName(), n));
        }
        return new Scores(arms, effects, unpaired, transitions, tests);
    }

    /**
     * The values of {@code effect} at cut {@code n} in {@code scope}, one per replicate (the mean of the
     * replicate's paired deltas), sorted; empty when no network has its partner.
     */
    public double[] replicateValues(
            Effect effect, Scope scope, int n, Collection<NetworkResult> networks, Set<Half> studied) {
        return pairedDeltas(effect, n, scope.select(networks, studied));
    }

    private List<TransitionTest> transitionTests(Scope scope, Collection<Integer> cuts, List<NetworkResult> inScope) {
        List<Integer> tested = new ArrayList<>();
        List<double[]> samples = new ArrayList<>();
        for (int n : cuts) {
            double[] specificity = pairedDeltas(Effect.SPECIFICITY, n, inScope);
            if (specificity.length > 0) {
                tested.add(n);
                samples.add(specificity);
            }
        }
        double[] p = samples.stream().mapToDouble(estimator::pValue).toArray();
        double[] holm = HolmCorrection.adjust(p);
        List<TransitionTest> tests = new ArrayList<>();
        for (int i = 0; i < tested.size(); i++) {
            double mean = IntervalEstimator.mean(samples.get(i));
            boolean testable = !Double.isNaN(p[i]);
            tests.add(new TransitionTest(
                    scope.wireName(),
                    tested.get(i),
                    mean,
                    samples.get(i).length,
                    testable ? p[i] : null,
                    testable ? holm[i] : null,
                    testable && holm[i] < alpha && mean < 0.0));
        }
        return tests;
    }

    private void armScores(Scope scope, List<NetworkResult> inScope, List<ArmScore> out) {
        for (Arm arm : Arm.values()) {
            TreeSet<Integer> cuts = new TreeSet<>();
            inScope.stream().filter(r -> r.arm() == arm).forEach(r -> cuts.add(r.n()));
            for (int n : cuts) {
                double[] values = replicateMeans(inScope.stream()
                        .filter(r -> r.arm() == arm && r.n() == n)
                        .collect(Collectors.groupingBy(
                                NetworkResult::replicate,
                                TreeMap::new,
                                Collectors.mapping(NetworkResult::accuracy, Collectors.toList()))));
                out.add(new ArmScore(scope.wireName(), arm, n, estimator.estimate(values)));
            }
        }
    }

    private static double[] pairedDeltas(Effect effect, int n, List<NetworkResult> inScope) {
        TreeMap<Long, List<Double>> byReplicate = new TreeMap<>();
        for (NetworkResult network : inScope) {
            if (network.arm() != effect.arm() || network.n() != n) {
                continue;
            }
            int partnerCut = effect.reference() == Arm.BASE ? 0 : n;
            OptionalDouble partner = inScope.stream()
                    .filter(r -> r.arm() == effect.reference()
                            && r.n() == partnerCut
                            && r.targetHalf() == network.targetHalf()
                            && r.replicate() == network.replicate())
                    .mapToDouble(NetworkResult::accuracy)
                    .average();
            if (partner.isPresent() && !(effect.ratio() && partner.getAsDouble() == 0.0)) {
                byReplicate
                        .computeIfAbsent(network.replicate(), s -> new ArrayList<>())
                        .add(effect.of(network.accuracy(), partner.getAsDouble()));
            }
        }
        return replicateMeans(byReplicate);
    }

    /** One value per replicate: the mean of its values (each list sorted first), sorted. */
    private static double[] replicateMeans(Map<Long, List<Double>> byReplicate) {
        return byReplicate.values().stream()
                .mapToDouble(values -> IntervalEstimator.mean(values.stream()
                        .mapToDouble(Double::doubleValue)
                        .sorted()
                        .toArray()))
                .sorted()
                .toArray();
    }

    private static void unpairedEffects(Scope scope, int n, List<NetworkResult> inScope, List<UnpairedEffect> out) {
        double[] base = values(inScope, Arm.BASE, 0);
        for (Arm arm : UNPAIRED_ARMS) {
            double[] values = values(inScope, arm, n);
            if (values.length == 0) {
                continue;
            }
            if (base.length > 0) {
                out.add(new UnpairedEffect(
                        scope.wireName(),
                        arm.wireName() + "-minus-base",
                        n,
                        IntervalEstimator.mean(values) - IntervalEstimator.mean(base),
                        values.length,
                        base.length));
            }
            if (arm == Arm.TRANSFER) {
                double[] selffer = values(inScope, Arm.SELFFER, n);
                if (selffer.length > 0) {
                    out.add(new UnpairedEffect(
                            scope.wireName(),
                            "transfer-minus-selffer",
                            n,
                            IntervalEstimator.mean(values) - IntervalEstimator.mean(selffer),
                            values.length,
                            selffer.length));
                }
            }
        }
    }

    private static double[] values(List<NetworkResult> inScope, Arm arm, int n) {
        // Sorted, so that sums (and so means) do not depend on the order results arrived in.
        return inScope.stream()
                .filter(r -> r.arm() == arm && r.n() == n)
                .mapToDouble(NetworkResult::accuracy)
                .sorted()
                .toArray();
    }

    /**
     * The target halves a set of networks studies: those trained on by a non-base arm; while only base
     * networks are there, every target half they have.
     */
    public static Set<Half> studiedTargets(Collection<NetworkResult> networks) {
        Set<Half> studied = EnumSet.noneOf(Half.class);
        networks.stream().filter(r -> r.arm() != Arm.BASE).forEach(r -> studied.add(r.targetHalf()));
        if (studied.isEmpty()) {
            networks.forEach(r -> studied.add(r.targetHalf()));
        }
        return studied;
    }

    /** The half a network of {@code arm} trained on {@code target} copied its layers from, or null. */
    public static Half sourceOf(Arm arm, Half target) {
        Objects.requireNonNull(target, "target");
        if (!arm.copiesWeights()) {
            return null;
        }
        return arm.crossesHalves() ? target.other() : target;
    }
}

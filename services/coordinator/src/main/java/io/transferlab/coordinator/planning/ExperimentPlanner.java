package io.transferlab.coordinator.planning;

import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.JobKind;
import io.transferlab.contracts.model.JobSpec;
import io.transferlab.contracts.model.PlannedJob;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns an accepted request into its job graph, in dispatch order.
 * <ul>
 * <li>Base jobs per seed and half: the target halves when {@code base} is asked for, the halves
 * copying arms copy from (selffer: the target's own base; transfer: the other half's), and both
 * halves when CKA is asked for. Asking for a transfer arm therefore implies its base jobs.</li>
 * <li>selffer / transfer (and fine-tuned) jobs depend on the base job whose layers they copy;
 * random-frozen jobs depend on nothing; a CKA job depends on both base jobs of its seed.</li>
 * <li>Order: base jobs, CKA jobs, then the layer cuts coarse first (n = 1, 7, 4, then the rest
 * ascending), so that a rough curve exists early in a long experiment.</li>
 * <li>Replicates: replicate i is the i-th entry of {@code seeds}; its jobs carry {@code replicate} i. With
 * {@code replicateOver: splits} (the default for a random split) replicate i trains on the random split with
 * seed {@code split.seed + i} (its base networks, CKA and transfer jobs all on that split), otherwise on the
 * request's split. Job ids keep the seed ({@code .s<seed>}), so they stay unique and deterministic.</li>
 * </ul>
 * The same request always gives the same plan with the same ids.
 */
public final class ExperimentPlanner {
    /** Layer cuts planned first: the ends and the middle of the curve. */
    static final List<Integer> COARSE_FIRST = List.of(1, 7, 4);

    private ExperimentPlanner() {}

    /** The plan of a request whose experiment id is set and whose defaults are resolved. */
    public static List<JobPlan> plan(ExperimentRequested request) {
        String id = request.experimentId();
        if (id == null) {
            throw new IllegalArgumentException("plan a request only once its experiment id is set");
        }
        List<JobPlan> jobs = new ArrayList<>();
        Set<Half> baseHalves = baseHalves(request);
        List<Long> seeds = request.seeds();
        for (int r = 0; r < seeds.size(); r++) {
            long seed = seeds.get(r);
            for (Half half : baseHalves) {
                jobs.add(new JobPlan(
                        new PlannedJob(
                                JobIds.base(id, half, seed),
                                JobKind.TRAIN,
                                Arm.BASE,
                                0,
                                null,
                                half,
                                seed,
                                List.of(),
                                r),
                        spec(request, r, JobKind.TRAIN, Arm.BASE, 0, null, half)));
            }
        }
        if (request.computeCka()) {
            for (int r = 0; r < seeds.size(); r++) {
                long seed = seeds.get(r);
                jobs.add(new JobPlan(
                        new PlannedJob(
                                JobIds.cka(id, seed),
                                JobKind.CKA,
                                null,
                                0,
                                null,
                                null,
                                seed,
                                List.of(JobIds.base(id, Half.A, seed), JobIds.base(id, Half.B, seed)),
                                r),
                        spec(request, r, JobKind.CKA, null, 0, null, null)));
            }
        }
        for (int n : cutOrder(request.layerCuts())) {
            for (int r = 0; r < seeds.size(); r++) {
                long seed = seeds.get(r);
                for (Half target : request.directions().targetHalves()) {
                    for (Arm arm : request.arms()) {
                        if (arm == Arm.BASE) {
                            continue;
                        }
                        Half source = arm.copiesWeights() ? sourceOf(arm, target) : null;
                        List<String> deps = source == null ? List.of() : List.of(JobIds.base(id, source, seed));
                        jobs.add(new JobPlan(
                                new PlannedJob(
                                        JobIds.train(id, arm, n, source, target, seed),
                                        JobKind.TRAIN,
                                        arm,
                                        n,
                                        source,
                                        target,
                                        seed,
                                        deps,
                                        r),
                                spec(request, r, JobKind.TRAIN, arm, n, source, target)));
                    }
                }
            }
        }
        return List.copyOf(jobs);
    }

    /** How many jobs {@link #plan} gives, without building them. */
    public static int jobCount(ExperimentRequested request) {
        int perSeed = baseHalves(request).size() + (request.computeCka() ? 1 : 0);
        long nonBaseArms = request.arms().stream().filter(a -> a != Arm.BASE).count();
        long perCut = nonBaseArms * request.directions().targetHalves().size();
        long total =
                (long) request.seeds().size() * (perSeed + perCut * new LinkedHashSet<>(request.layerCuts()).size());
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    /** The half whose base network an arm copies from when it trains on {@code target}. */
    public static Half sourceOf(Arm arm, Half target) {
        return arm.crossesHalves() ? target.other() : target;
    }

    static Set<Half> baseHalves(ExperimentRequested request) {
        Set<Half> halves = new LinkedHashSet<>();
        for (Half target : request.directions().targetHalves()) {
            for (Arm arm : request.arms()) {
                if (arm == Arm.BASE) {
                    halves.add(target);
                } else if (arm.copiesWeights()) {
                    halves.add(sourceOf(arm, target));
                }
            }
        }
        if (request.computeCka()) {
            halves.add(Half.B);
            halves.add(Half.A);
        }
        // Stable order whatever the arms: B (the default target) first, then A.
        Set<Half> ordered = new LinkedHashSet<>();
        for (Half h : List.of(Half.B, Half.A)) {
            if (halves.contains(h)) {
                ordered.add(h);
            }
        }
        return ordered;
    }

    static List<Integer> cutOrder(List<Integer> cuts) {
        Set<Integer> order = new LinkedHashSet<>();
        for (int n : COARSE_FIRST) {
            if (cuts.contains(n)) {
                order.add(n);
            }
        }
        cuts.stream().sorted().forEach(order::add);
        return List.copyOf(order);
    }

    /** The spec of a job of replicate {@code r}: that replicate's seed and split. */
    private static JobSpec spec(
            ExperimentRequested request, int r, JobKind kind, Arm arm, int n, Half source, Half target) {
        return new JobSpec(
                kind,
                arm,
                n,
                source,
                target,
                request.seeds().get(r),
                request.dataset(),
                request.splitOfReplicate(r),
                request.architecture(),
                request.training(),
                List.of());
    }
}

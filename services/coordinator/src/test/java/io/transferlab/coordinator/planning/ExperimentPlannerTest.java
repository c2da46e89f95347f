package io.transferlab.coordinator.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.DatasetSpec;
import io.transferlab.contracts.model.Direction;
import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.JobKind;
import io.transferlab.contracts.model.PlannedJob;
import io.transferlab.contracts.model.SplitSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ExperimentPlannerTest {

    static ExperimentRequested request(
            List<Arm> arms, List<Integer> cuts, Direction directions, List<Long> seeds, boolean cka) {
        return new ExperimentRequested(
                "evt",
                null,
                0,
                "exp1",
                DatasetSpec.named("fashion-mnist"),
                null,
                null,
                arms,
                cuts,
                directions,
                seeds,
                null,
                cka,
                null,
                null);
    }

    private static List<PlannedJob> nodes(ExperimentRequested r) {
        return ExperimentPlanner.plan(r).stream().map(JobPlan::node).toList();
    }

    private static Map<String, PlannedJob> byId(List<PlannedJob> jobs) {
        return jobs.stream().collect(Collectors.toMap(PlannedJob::jobId, Function.identity()));
    }

    @Test
    void theDefaultRequestPlansBothBasesAndFourArmsAtSevenCutsInBothDirections() {
        ExperimentRequested r = request(null, null, null, null, false);

        List<PlannedJob> jobs = nodes(r);

        assertThat(jobs).hasSize(2 + 4 * 7 * 2).hasSize(ExperimentPlanner.jobCount(r));
        Map<String, PlannedJob> ids = byId(jobs);
        assertThat(ids.get("exp1.base.n0.-B.s0").dependsOn()).isEmpty();
        assertThat(ids.get("exp1.base.n0.-A.s0").dependsOn()).isEmpty();
        // AnB copies from baseA and trains on B; BnB from baseB; B->A mirrors.
        assertThat(ids.get("exp1.transfer.n3.AB.s0").dependsOn()).containsExactly("exp1.base.n0.-A.s0");
        assertThat(ids.get("exp1.selffer.n3.BB.s0").dependsOn()).containsExactly("exp1.base.n0.-B.s0");
        assertThat(ids.get("exp1.transfer-finetuned.n7.BA.s0").dependsOn()).containsExactly("exp1.base.n0.-B.s0");
        assertThat(ids.get("exp1.selffer-finetuned.n1.AA.s0").dependsOn()).containsExactly("exp1.base.n0.-A.s0");
        PlannedJob anb = ids.get("exp1.transfer.n3.AB.s0");
        assertThat(anb.kind()).isEqualTo(JobKind.TRAIN);
        assertThat(anb.arm()).isEqualTo(Arm.TRANSFER);
        assertThat(anb.n()).isEqualTo(3);
        assertThat(anb.sourceHalf()).isEqualTo(Half.A);
        assertThat(anb.targetHalf()).isEqualTo(Half.B);
    }

    @Test
    void aTransferArmAloneImpliesTheBaseItCopiesFrom() {
        ExperimentRequested r = request(List.of(Arm.TRANSFER), null, Direction.A_TO_B, null, false);

        List<PlannedJob> jobs = nodes(r);

        assertThat(jobs).hasSize(1 + 7).hasSize(ExperimentPlanner.jobCount(r));
        assertThat(jobs.get(0).jobId()).isEqualTo("exp1.base.n0.-A.s0");
        assertThat(jobs.subList(1, 8)).allSatisfy(j -> assertThat(j.dependsOn()).containsExactly("exp1.base.n0.-A.s0"));
    }

    @Test
    void selfferInOneDirectionNeedsOnlyTheTargetBase() {
        ExperimentRequested r = request(List.of(Arm.BASE, Arm.SELFFER), List.of(3), Direction.A_TO_B, null, false);

        assertThat(nodes(r))
                .extracting(PlannedJob::jobId)
                .containsExactly("exp1.base.n0.-B.s0", "exp1.selffer.n3.BB.s0");
    }

    @Test
    void randomFrozenJobsDependOnNothingAndPlanNoBase() {
        ExperimentRequested r =
                request(List.of(Arm.RANDOM_FROZEN), List.of(1, 2), Direction.A_TO_B, List.of(0L, 1L), false);

        List<PlannedJob> jobs = nodes(r);

        assertThat(jobs)
                .extracting(PlannedJob::jobId)
                .containsExactly(
                        "exp1.random-frozen.n1.-B.s0",
                        "exp1.random-frozen.n1.-B.s1",
                        "exp1.random-frozen.n2.-B.s0",
                        "exp1.random-frozen.n2.-B.s1");
        assertThat(jobs).allSatisfy(j -> assertThat(j.dependsOn()).isEmpty());
        assertThat(ExperimentPlanner.jobCount(r)).isEqualTo(4);
    }

    @Test
    void ckaNeedsBothBasesOfItsSeed() {
        ExperimentRequested r = request(List.of(Arm.BASE), List.of(1), Direction.A_TO_B, List.of(0L, 5L), true);

        Map<String, PlannedJob> ids = byId(nodes(r));

        assertThat(ids).hasSize(6).hasSize(ExperimentPlanner.jobCount(r));
        assertThat(ids.get("exp1.cka.s5").kind()).isEqualTo(JobKind.CKA);
        assertThat(ids.get("exp1.cka.s5").dependsOn()).containsExactly("exp1.base.n0.-A.s5", "exp1.base.n0.-B.s5");
    }

    @Test
    void seedsMultiplyEveryJobAndKeepTheirOwnBases() {
        ExperimentRequested r =
                request(List.of(Arm.BASE, Arm.TRANSFER), List.of(2, 5), Direction.BOTH, List.of(0L, 1L, 2L), false);

        Map<String, PlannedJob> ids = byId(nodes(r));

        assertThat(ids).hasSize(3 * (2 + 2 * 2)).hasSize(ExperimentPlanner.jobCount(r));
        assertThat(ids.get("exp1.transfer.n5.BA.s2").dependsOn()).containsExactly("exp1.base.n0.-B.s2");
    }

    @Test
    void replicateIOfARandomSplitTrainsOnSplitSeedIWithItsOwnBasesAndCka() {
        ExperimentRequested r =
                request(List.of(Arm.BASE, Arm.TRANSFER), List.of(3), Direction.BOTH, List.of(5L, 9L, 0L), true);

        List<JobPlan> plan = ExperimentPlanner.plan(r);

        assertThat(r.replicateOver()).isEqualTo(ExperimentRequested.REPLICATE_OVER_SPLITS);
        Map<Long, Integer> replicateOfSeed = Map.of(5L, 0, 9L, 1, 0L, 2);
        for (JobPlan job : plan) {
            int replicate = replicateOfSeed.get(job.node().seed());
            assertThat(job.node().replicate()).as(job.jobId()).isEqualTo(replicate);
            assertThat(job.spec().split()).as(job.jobId()).isEqualTo(SplitSpec.random(replicate));
            assertThat(job.spec().seed()).isEqualTo(job.node().seed());
        }
        Map<String, PlannedJob> ids = byId(plan.stream().map(JobPlan::node).toList());
        assertThat(ids.get("exp1.transfer.n3.AB.s9").dependsOn()).containsExactly("exp1.base.n0.-A.s9");
        assertThat(ids.get("exp1.cka.s0").dependsOn()).containsExactly("exp1.base.n0.-A.s0", "exp1.base.n0.-B.s0");
        assertThat(ids).hasSize(plan.size());
    }

    @Test
    void replicatesOverSeedsShareTheRequestsSplit() {
        ExperimentRequested overSeeds = new ExperimentRequested(
                "evt",
                null,
                0,
                "exp1",
                DatasetSpec.named("fashion-mnist"),
                SplitSpec.random(4),
                null,
                List.of(Arm.BASE),
                List.of(1),
                null,
                List.of(0L, 1L),
                null,
                false,
                null,
                null,
                ExperimentRequested.REPLICATE_OVER_SEEDS);
        ExperimentRequested preset = new ExperimentRequested(
                "evt",
                null,
                0,
                "exp1",
                DatasetSpec.named("fashion-mnist"),
                SplitSpec.preset("dissimilar"),
                null,
                List.of(Arm.BASE),
                List.of(1),
                null,
                List.of(0L, 1L),
                null,
                false,
                null,
                null);
        ExperimentRequested oneSeed = new ExperimentRequested(
                "evt",
                null,
                0,
                "exp1",
                DatasetSpec.named("fashion-mnist"),
                SplitSpec.random(4),
                null,
                List.of(Arm.BASE),
                List.of(1),
                null,
                List.of(7L),
                null,
                false,
                null,
                null);

        assertThat(ExperimentPlanner.plan(overSeeds))
                .extracting(j -> j.spec().split())
                .containsOnly(SplitSpec.random(4));
        assertThat(preset.replicateOver()).isEqualTo(ExperimentRequested.REPLICATE_OVER_SEEDS);
        assertThat(ExperimentPlanner.plan(preset))
                .extracting(j -> j.spec().split())
                .containsOnly(SplitSpec.preset("dissimilar"));
        assertThat(ExperimentPlanner.plan(preset))
                .extracting(j -> j.node().replicate())
                .containsOnly(0, 1);
        assertThat(ExperimentPlanner.plan(oneSeed))
                .as("one replicate keeps the request's split")
                .extracting(j -> j.spec().split())
                .containsOnly(SplitSpec.random(4));
    }

    @Test
    void coarseCutsComeFirstSoAnEarlyCurveExists() {
        ExperimentRequested r = request(List.of(Arm.TRANSFER), null, Direction.A_TO_B, null, false);

        assertThat(nodes(r).subList(1, 8)).extracting(PlannedJob::n).containsExactly(1, 7, 4, 2, 3, 5, 6);
    }

    @Test
    void theSamePlanEveryTimeWithDependenciesBeforeDependants() {
        ExperimentRequested r = request(null, null, null, List.of(3L, 1L), true);

        List<JobPlan> first = ExperimentPlanner.plan(r);
        List<JobPlan> second = ExperimentPlanner.plan(r);

        assertThat(first).isEqualTo(second);
        Set<String> seen = new HashSet<>();
        for (JobPlan job : first) {
            assertThat(seen).containsAll(job.node().dependsOn());
            assertThat(seen.add(job.jobId())).as("unique id " + job.jobId()).isTrue();
            assertThat(job.spec().inputs()).isEmpty();
            assertThat(job.spec().seed()).isEqualTo(job.node().seed());
        }
    }
}

package io.transferlab.launcher.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.events.ExperimentPlanned;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobFailed;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.JobKind;
import io.transferlab.contracts.model.JobResult;
import io.transferlab.contracts.model.PlannedJob;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StudyLedgerTest {
    private static JobResult result(double test, Double gain) {
        return new JobResult(
                test, null, test, test, 10, null, null, 1000, 1500, null, null, "test-top1", null, null, gain);
    }

    @Test
    void everyNetworkGetsARowAndTheConvergenceCheckCountsPlateaus() {
        StudyLedger ledger = new StudyLedger(Set.of("s-random"));
        List<PlannedJob> jobs = List.of(
                new PlannedJob("s-random.base.n0.-B.s1", JobKind.TRAIN, Arm.BASE, 0, null, Half.B, 1, List.of(), 1),
                new PlannedJob(
                        "s-random.transfer.n3.AB.s1",
                        JobKind.TRAIN,
                        Arm.TRANSFER,
                        3,
                        Half.A,
                        Half.B,
                        1,
                        List.of("s-random.base.n0.-A.s1"),
                        1),
                new PlannedJob(
                        "s-random.selffer.n3.BB.s1", JobKind.TRAIN, Arm.SELFFER, 3, Half.B, Half.B, 1, List.of(), 1),
                new PlannedJob("s-random.cka.s1", JobKind.CKA, null, 0, null, null, 1, List.of(), 1));

        assertThat(ledger.accept(new ExperimentPlanned(null, null, 0, "s-random", jobs)))
                .isTrue();
        ledger.accept(new JobCompleted(null, null, 0, "s-random", "s-random.base.n0.-B.s1", 1, result(0.93, 0.002)));
        ledger.accept(new JobCompleted(null, null, 0, "s-random", "s-random.transfer.n3.AB.s1", 1, result(0.85, 0.04)));
        ledger.accept(new JobFailed(
                null, null, 0, "s-random", "s-random.selffer.n3.BB.s1", 1, "diverged: NaN", false, JobFailed.DIVERGED));
        assertThat(ledger.accept(new JobCompleted(null, null, 0, "other", "other.base.n0.-B.s0", 1, result(0.5, 0.0))))
                .isFalse();

        String csv = ledger.networksCsv();
        assertThat(csv.lines())
                .hasSize(4)
                .first()
                .asString()
                .startsWith("experiment,job,arm,n,source,target,replicate");
        assertThat(csv)
                .contains("s-random,s-random.base.n0.-B.s1,base,0,,B,1,1,completed,0.9300,0.9300,test-top1,"
                        + "0.0020,yes,")
                .contains("transfer,3,A,B,1,1,completed,0.8500,0.8500,test-top1,0.0400,no,")
                .contains("selffer,3,B,B,1,1,failed,,,,,,diverged")
                .doesNotContain("cka");
        assertThat(ledger.plateauCounts()).containsExactly(2, 1);
        assertThat(ledger.divergedJobs()).containsExactly("s-random.selffer.n3.BB.s1");
        assertThat(ledger.convergenceTable())
                .contains("| s-random | base | 1 | 1 | +0.2 points |")
                .contains("| s-random | transfer | 1 | 0 | +4.0 points |");
        assertThat(ledger.jobSeconds()).containsExactly(3.0, 2.0);
    }
}

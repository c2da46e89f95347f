package io.transferlab.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.EventCodec;
import io.transferlab.contracts.EventSchemas;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.Direction;
import io.transferlab.contracts.model.SplitSpec;
import io.transferlab.contracts.model.TrainingSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StudyPlanTest {
    private static final List<Integer> ALL_CUTS = List.of(1, 2, 3, 4, 5, 6, 7);
    private final StudyPlan plan = new StudyPlan("study-x", 3, ALL_CUTS, 100, 10, 32);

    @Test
    void theRandomExperimentHasEveryArmEveryCutBothDirectionsAndReplicatesOverSplits() {
        ExperimentRequested random = plan.random();

        assertThat(random.experimentId()).isEqualTo("study-x-random");
        assertThat(random.arms()).containsExactlyInAnyOrder(Arm.values());
        assertThat(random.layerCuts()).isEqualTo(ALL_CUTS);
        assertThat(random.directions()).isEqualTo(Direction.BOTH);
        assertThat(random.seeds()).containsExactly(0L, 1L, 2L);
        assertThat(random.replicatesOverSplits()).isTrue();
        assertThat(random.splitOfReplicate(2)).isEqualTo(SplitSpec.random(2));
        assertThat(random.computeCka()).isTrue();
        assertThat(random.training().summaryMetric()).isEqualTo(TrainingSettings.TEST_TOP1);
        assertThat(random.training().copiedLayerNormalisation()).isEqualTo(TrainingSettings.NORMALISE_SOURCE);
        assertThat(random.training().initialisation()).isEqualTo(TrainingSettings.INIT_HE);
        assertThat(StudyPlan.jobs(random)).isEqualTo(3 * (2 + 1 + 5 * 7 * 2));
    }

    @Test
    void theDissimilarExperimentUsesThePresetSplitWithSeedsAsReplicates() {
        ExperimentRequested dissimilar = plan.dissimilar();

        assertThat(dissimilar.split()).isEqualTo(SplitSpec.preset("dissimilar"));
        assertThat(dissimilar.replicatesOverSplits()).isFalse();
        assertThat(dissimilar.arms()).containsExactly(Arm.BASE, Arm.SELFFER, Arm.TRANSFER);
        assertThat(dissimilar.layerCuts()).isEqualTo(ALL_CUTS);
        assertThat(StudyPlan.jobs(dissimilar)).isEqualTo(3 * (2 + 1 + 2 * 7 * 2));
        assertThat(plan.jobs()).isEqualTo(219 + 93);
    }

    @Test
    void bothRequestsAreValidOnTheWire() {
        for (ExperimentRequested r : plan.requests()) {
            assertThat(EventSchemas.validate(ExperimentRequested.class, EventCodec.toJson(r)))
                    .isEmpty();
        }
    }

    @Test
    void theLearningRateStepsDownOnceForTheSecondHalfOfTheEpochs() {
        assertThat(plan.training().lrStepEpochs()).isEqualTo(5);
        assertThat(plan.training().epochs()).isEqualTo(10);
        StudyPlan odd = new StudyPlan("s", 3, ALL_CUTS, 90, 31, 32);
        // the schedule steps every lrStepEpochs epochs: 16 and 32, so the 31 epochs see exactly one step
        assertThat(odd.training().lrStepEpochs()).isEqualTo(16);
    }

    @Test
    void everyNetworkTrainsOnItsImagesPerClassAndValidatesOnUpToThirtyOthersOncePerEpoch() {
        for (int ipc : List.of(10, 20, 90, 95, 130, 1000, 5970)) {
            TrainingSettings training = plan.withImagesPerClass(ipc).training();
            int pool = training.imagesPerClass();
            // the trainer's rule (Splits.half): round(pool * validationFraction) of a class's pool validate
            long validation = Math.round(pool * training.validationFraction());

            assertThat(validation).as("validation images at %d", ipc).isEqualTo(Math.min(30, ipc));
            assertThat(pool - validation).as("training images at %d", ipc).isEqualTo(ipc);
            assertThat(training.validationFraction()).isLessThanOrEqualTo(0.5);
        }
        for (int ipc : List.of(10, 90)) {
            for (ExperimentRequested r : plan.withImagesPerClass(ipc).requests()) {
                assertThat(EventSchemas.validate(ExperimentRequested.class, EventCodec.toJson(r)))
                        .isEmpty();
            }
        }
        assertThat(plan.training().validationsPerEpoch()).isEqualTo(1);
    }

    @Test
    void fittingChoosesTheMostImagesPerClassWhoseEstimateFitsTheBudget() {
        StudyPlan.CostModel cost = new StudyPlan.CostModel(500, 2000, 6, 90, 1);
        StudyPlan fitted = plan.fitted(Duration.ofMinutes(90), cost);

        assertThat(fitted.estimate(cost)).isLessThanOrEqualTo(Duration.ofMinutes(90));
        assertThat(fitted.withImagesPerClass(fitted.imagesPerClass() + 10).estimate(cost))
                .isGreaterThan(Duration.ofMinutes(90));
        assertThat(fitted.cuts()).isEqualTo(ALL_CUTS);
        assertThat(fitted.replicates()).isEqualTo(3);
        // more images cost more time, a faster machine buys more images
        assertThat(plan.withImagesPerClass(200).estimate(cost)).isGreaterThan(plan.estimate(cost));
        assertThat(plan.fitted(Duration.ofMinutes(90), new StudyPlan.CostModel(1000, 4000, 6, 90, 1))
                        .imagesPerClass())
                .isGreaterThan(fitted.imagesPerClass());
        // two jobs side by side buy more images than one at the same rate per job
        assertThat(plan.fitted(Duration.ofMinutes(90), new StudyPlan.CostModel(500, 2000, 6, 90, 2))
                        .imagesPerClass())
                .isGreaterThan(fitted.imagesPerClass());
    }

    @Test
    void theCommandSizesItselfFromTheBudgetUnlessImagesPerClassAreGiven() {
        StudyCommand fitted = parse("study", "--budget", "90");
        StudyCommand fixed =
                parse("study", "--images-per-class", "20", "--epochs", "2", "--replicates", "1", "--cuts", "1,7");

        StudyPlan auto = fitted.plan(Instant.parse("2026-12-01T21:00:00Z"));
        StudyPlan tiny = fixed.plan(Instant.parse("2026-12-01T21:00:00Z"));

        assertThat(auto.studyId()).isEqualTo("study-20261201-210000");
        assertThat(auto.estimate(StudyPlan.CostModel.MEASURED)).isLessThanOrEqualTo(Duration.ofMinutes(90));
        assertThat(auto.cuts()).isEqualTo(ALL_CUTS);
        assertThat(tiny.imagesPerClass()).isEqualTo(20);
        assertThat(tiny.cuts()).containsExactly(1, 7);
        assertThat(tiny.jobs()).isEqualTo((2 + 1 + 5 * 2 * 2) + (2 + 1 + 2 * 2 * 2));
    }

    private static StudyCommand parse(String... args) {
        CommandLine.ParseResult result = TransferLabCli.commandLine().parseArgs(args);
        return (StudyCommand) result.subcommand().commandSpec().userObject();
    }
}

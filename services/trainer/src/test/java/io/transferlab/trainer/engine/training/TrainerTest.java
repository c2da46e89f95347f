package io.transferlab.trainer.engine.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transferlab.contracts.model.TrainingSettings;
import io.transferlab.trainer.engine.EngineFixtures;
import io.transferlab.trainer.engine.EpochStats;
import io.transferlab.trainer.engine.JobCancelledException;
import io.transferlab.trainer.engine.TrainingDivergedException;
import io.transferlab.trainer.engine.TrainingListener;
import io.transferlab.trainer.engine.data.HalfData;
import io.transferlab.trainer.engine.network.Tl8Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class TrainerTest {
    @Test
    void trainingLowersTheLossAndReportsEveryEpochAndIteration() {
        HalfData data = EngineFixtures.halfData(5, 24, 1);
        TrainingSettings hp = EngineFixtures.settings(4, 16);
        MultiLayerNetwork net = Tl8Network.create(EngineFixtures.tinySpec(5), hp, 0, 11);
        List<EpochStats> epochs = new ArrayList<>();
        List<Double> progress = new ArrayList<>();
        List<Integer> states = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onIteration(int epoch, long iteration, double p) {
                progress.add(p);
            }

            @Override
            public void onEpoch(EpochStats stats) {
                epochs.add(stats);
            }
        };

        TrainingState end = new Trainer(net, hp, 3)
                .train(data, TrainingState.fresh(), listener, () -> false, s -> states.add(s.epochsCompleted()));

        assertThat(states).containsExactly(1, 2, 3, 4);
        assertThat(epochs).extracting(EpochStats::epoch).containsExactly(1, 2, 3, 4);
        assertThat(epochs.get(3).trainLoss()).isLessThan(epochs.get(0).trainLoss());
        assertThat(epochs).allSatisfy(e -> {
            assertThat(e.valTop1()).isBetween(0.0, 1.0);
            assertThat(e.valTop5()).isNull();
            assertThat(e.imagesPerSecond()).isPositive();
        });
        // step schedule: lr 0.01 halved every 2 epochs
        assertThat(epochs).extracting(EpochStats::learningRate).containsExactly(0.01, 0.01, 0.005, 0.005);
        int batches = (5 * 24 + 15) / 16;
        assertThat(progress).hasSize(4 * batches).isSorted();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(1.0);
        assertThat(end.iteration()).isEqualTo(4L * batches);
        assertThat(end.validationHistory()).hasSize(4 * 2);
        assertThat(end.summaryTop1()).isBetween(0.0, 1.0);
        assertThat(epochs.get(3).valTop1()).isGreaterThan(0.5);
        assertThat(Trainer.evaluate(net, data.test()).top1()).isGreaterThan(0.5);
        // the updater itself follows the schedule: after 4 epochs the next rate would be 0.01 * 0.5^2
        assertThat(net.getEpochCount()).isEqualTo(4);
        assertThat(net.getLearningRate(0)).isEqualTo(0.0025);
    }

    @Test
    void cancellationIsCheckedAfterEveryMiniBatch() {
        HalfData data = EngineFixtures.halfData(5, 24, 1);
        TrainingSettings hp = EngineFixtures.settings(2, 16);
        MultiLayerNetwork net = Tl8Network.create(EngineFixtures.tinySpec(5), hp, 0, 11);
        AtomicInteger checks = new AtomicInteger();

        assertThatThrownBy(() -> new Trainer(net, hp, 3)
                        .train(
                                data,
                                TrainingState.fresh(),
                                TrainingListener.NONE,
                                () -> checks.incrementAndGet() == 3,
                                s -> {}))
                .isInstanceOf(JobCancelledException.class);
        assertThat(checks).hasValue(3);
        assertThat(net.getIterationCount()).isEqualTo(3);
    }

    @Test
    void summaryIsTheMeanOfTheBestTenValidations() {
        List<Double> history = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            history.add(i / 100.0);
        }
        assertThat(TrainingState.summary(history, 10)).isCloseTo(0.075, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(TrainingState.summary(List.of(0.2, 0.4), 10))
                .isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void theLastHalfRuleIgnoresEarlyValidationsEvenWhenTheyWereHigh() {
        List<Double> history = new ArrayList<>(List.of(0.9, 0.9, 0.1, 0.2, 0.3, 0.4));
        TrainingState state = new TrainingState(3, 30, history, List.of());
        assertThat(state.best10OfLastHalf()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(state.summaryTop1())
                .as("the old rule averages the whole short curve")
                .isCloseTo(2.8 / 6, org.assertj.core.data.Offset.offset(1e-12));
        // 25 validations: the last 13, of which the best 10
        List<Double> longRun = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            longRun.add(i / 100.0);
        }
        assertThat(TrainingState.lastHalf(longRun)).hasSize(13).first().isEqualTo(0.13);
        assertThat(new TrainingState(5, 50, longRun, List.of()).best10OfLastHalf())
                .isCloseTo(0.205, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(new TrainingState(1, 5, List.of(0.4), List.of()).best10OfLastHalf())
                .isEqualTo(0.4);
    }

    @Test
    void theConvergenceCheckIsTheRiseOfTheValidationCurveWithinTheSecondHalf() {
        // 8 validations: third quarter (indices 4, 5) = 0.7, 0.75; last quarter (6, 7) = 0.8, 0.9
        TrainingState rising = new TrainingState(4, 40, List.of(0.1, 0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9), List.of());
        assertThat(rising.lastHalfGain()).isCloseTo(0.125, org.assertj.core.data.Offset.offset(1e-12));
        TrainingState flat = new TrainingState(4, 40, List.of(0.1, 0.5, 0.9, 0.91, 0.9, 0.92, 0.9, 0.91), List.of());
        assertThat(flat.lastHalfGain()).isCloseTo(-0.005, org.assertj.core.data.Offset.offset(1e-9));
        // a jump at the middle (a learning-rate step) followed by a flat curve is a plateau
        TrainingState stepped =
                new TrainingState(4, 40, List.of(0.6, 0.7, 0.72, 0.74, 0.86, 0.87, 0.86, 0.87), List.of());
        assertThat(stepped.lastHalfGain()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(new TrainingState(1, 3, List.of(0.2, 0.4, 0.6), List.of()).lastHalfGain())
                .isNull();
    }

    @Test
    void everyMiniBatchIsFullTheLastOneFilledUpFromTheStartOfTheEpochsOrder() {
        int[] order = Trainer.shuffled(450, 7);

        int[] padded = Trainer.fullBatches(order, 32);

        assertThat(padded).hasSize(15 * 32);
        assertThat(Arrays.copyOf(padded, 450)).containsExactly(order);
        assertThat(Arrays.copyOfRange(padded, 450, 480)).containsExactly(Arrays.copyOf(order, 30));
        assertThat(Trainer.fullBatches(order, 45))
                .as("450 = 10 x 45: nothing to fill")
                .isSameAs(order);
        assertThat(Trainer.fullBatches(Trainer.shuffled(20, 1), 32))
                .as("fewer images than a batch: one batch of all of them")
                .hasSize(20);
    }

    @Test
    void aLossThatRisesAboveTwiceItsLowestAndAboveChanceIsABlowUp() {
        List<EpochStats> history = List.of(epoch(1, 2.69), epoch(2, 1.10), epoch(3, 0.64), epoch(4, 0.66));

        // the study's collapsed base network: 0.64 at epoch 3, then 1.48, then 2.18 (5 classes: chance ln 5 = 1.61)
        assertThat(Trainer.blownUp(1.48, history, 5))
                .as("twice the lowest, but below chance")
                .isNull();
        assertThat(Trainer.blownUp(2.18, history, 5)).contains("2.180").contains("0.640");
        assertThat(Trainer.blownUp(0.70, history, 5)).as("a normal wobble").isNull();
        assertThat(Trainer.blownUp(3.0, List.of(), 5))
                .as("nothing to compare the first epoch with")
                .isNull();
        // a frozen random network that learns slowly from chance never rises above its own start
        assertThat(Trainer.blownUp(1.58, List.of(epoch(1, 1.60), epoch(2, 1.59)), 5))
                .isNull();
    }

    private static EpochStats epoch(int n, double loss) {
        return new EpochStats(n, 30, loss, 0.5, null, 0.01, 100, 1000);
    }

    @Test
    void validationPointsSpreadOverTheEpochAndEndAtTheLastBatch() {
        assertThat(Trainer.validationPoints(10, 1)).containsExactly(10);
        assertThat(Trainer.validationPoints(10, 4)).containsExactly(3, 5, 8, 10);
        assertThat(Trainer.validationPoints(2, 5)).containsExactly(1, 2);
    }

    @Test
    void topFiveIsReportedFromTenClasses() {
        HalfData data = EngineFixtures.halfData(10, 2, 5);
        MultiLayerNetwork net = Tl8Network.create(EngineFixtures.tinySpec(10), EngineFixtures.settings(1, 8), 0, 1);
        Accuracy acc = Trainer.evaluate(net, data.test());
        assertThat(acc.top5()).isNotNull().isGreaterThanOrEqualTo(acc.top1());
        assertThat(acc.count()).isEqualTo(40);
    }

    @Test
    void aTiedOrNonFiniteOutputNeverCountsAsCorrect() {
        assertThat(Trainer.rankOf(new float[] {0.1f, 0.7f, 0.2f}, 1)).isZero();
        assertThat(Trainer.rankOf(new float[] {0.4f, 0.4f, 0.2f}, 0))
                .as("a tie is a miss")
                .isEqualTo(1);
        assertThat(Trainer.rankOf(new float[] {0.2f, 0.2f, 0.2f, 0.2f, 0.2f}, 2))
                .isEqualTo(4);
        assertThat(Trainer.rankOf(new float[] {Float.NaN, Float.NaN, Float.NaN}, 0))
                .isEqualTo(-1);
        assertThat(Trainer.rankOf(new float[] {0.9f, Float.NaN, 0.1f}, 0)).isEqualTo(-1);
        assertThat(Trainer.rankOf(new float[] {Float.POSITIVE_INFINITY, 0f, 0f}, 0))
                .isEqualTo(-1);
    }

    @Test
    void aNetworkWithNonFiniteWeightsScoresZeroAndCountsEveryImageAsNonFinite() {
        HalfData data = EngineFixtures.halfData(5, 8, 1);
        MultiLayerNetwork net = Tl8Network.create(EngineFixtures.tinySpec(5), EngineFixtures.settings(1, 16), 0, 11);
        net.params().assign(Double.NaN);

        Accuracy acc = Trainer.evaluate(net, data.test());

        assertThat(acc.top1()).isZero();
        assertThat(acc.nonFinite()).isEqualTo(acc.count()).isEqualTo(20);
        assertThatThrownBy(() -> Trainer.requireFinite(acc, "test", 3))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("20 of 20 test images have non-finite outputs after epoch 3");
    }

    @Test
    void aLearningRateThatDivergesStopsTrainingWithDiverged() {
        HalfData data = EngineFixtures.halfData(5, 24, 1);
        TrainingSettings hp = new TrainingSettings(3, 16, 10.0, 0, 0.1, 0.9, 5e-4, null, 0.2, 1);
        MultiLayerNetwork net = Tl8Network.create(EngineFixtures.tinySpec(5), hp, 0, 11);
        List<Integer> epochsEnded = new ArrayList<>();

        assertThatThrownBy(() -> new Trainer(net, hp, 3)
                        .train(
                                data,
                                TrainingState.fresh(),
                                TrainingListener.NONE,
                                () -> false,
                                s -> epochsEnded.add(s.epochsCompleted())))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageStartingWith("diverged: ");
        assertThat(epochsEnded).as("no checkpoint of a diverged network").isEmpty();
    }
}

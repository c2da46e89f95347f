package io.transferlab.trainer.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.TrainingSettings;
import io.transferlab.trainer.engine.EngineFixtures;
import io.transferlab.trainer.engine.InvalidInputException;
import io.transferlab.trainer.engine.TrainingListener;
import io.transferlab.trainer.engine.data.HalfData;
import io.transferlab.trainer.engine.training.Trainer;
import io.transferlab.trainer.engine.training.TrainingState;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ArmNetworksTest {
    private static final TrainingSettings HP = EngineFixtures.settings(1, 16);
    private static final NetworkSpec SOURCE_SPEC = EngineFixtures.tinySpec(5);
    /** The target half has another number of classes, so the classifier must be sized for it. */
    private static final NetworkSpec TARGET_SPEC = EngineFixtures.tinySpec(4);

    private final MultiLayerNetwork source = Tl8Network.create(SOURCE_SPEC, HP, 0, 100);
    private final HalfData target = EngineFixtures.halfData(4, 16, 9);

    private static boolean sameBits(INDArray a, INDArray b) {
        return java.util.Arrays.equals(a.data().asFloat(), b.data().asFloat());
    }

    private static java.util.List<?> regularisation(MultiLayerNetwork net, int layer) {
        return ((org.deeplearning4j.nn.conf.layers.BaseLayer)
                        net.getLayer(PaperLayers.weightIndex(layer)).conf().getLayer())
                .getRegularization();
    }

    private void train(MultiLayerNetwork net) {
        new Trainer(net, HP, 7).train(target, TrainingState.fresh(), TrainingListener.NONE, () -> false, s -> {});
    }

    @Test
    void thePapersGaussianInitialisationHasItsStandardDeviations() {
        TrainingSettings gaussian = HP.withOptions(null, TrainingSettings.INIT_GAUSSIAN, null);
        NetworkSpec spec = new NetworkSpec(SOURCE_SPEC.preset(), 1, 28, 28, 1.0, 0.5, 5);
        MultiLayerNetwork net = Tl8Network.create(spec, gaussian, 0, 21);
        MultiLayerNetwork he = Tl8Network.create(spec, HP, 0, 21);

        for (int l = 1; l <= PaperLayers.COUNT; l++) {
            INDArray w = net.getLayer(PaperLayers.weightIndex(l)).getParam("W");
            double expected = l == 6 || l == 7 ? 0.005 : 0.01;
            assertThat(Tl8Network.gaussianStd(l)).isEqualTo(expected);
            assertThat(w.stdNumber().doubleValue())
                    .as("layer %d", l)
                    .isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(l == 1 ? 30 : 10));
            assertThat(Math.abs(w.meanNumber().doubleValue())).isLessThan(expected / 2);
            assertThat(net.getLayer(PaperLayers.weightIndex(l))
                            .getParam("b")
                            .sumNumber()
                            .doubleValue())
                    .isZero();
        }
        // He scales by fan-in: conv1 (fan-in 5*5) starts near sqrt(2/25) = 0.28, far from the paper's 0.01
        double heConv1 = he.getLayer(PaperLayers.weightIndex(1))
                .getParam("W")
                .stdNumber()
                .doubleValue();
        assertThat(heConv1).isGreaterThan(0.2);
    }

    @Test
    void copiedLayersEqualTheSourceAndTheOthersAreReinitialised() {
        MultiLayerNetwork net = ArmNetworks.build(Arm.TRANSFER, 3, TARGET_SPEC, HP, 1, source, SOURCE_SPEC);

        for (int l = 1; l <= 3; l++) {
            assertThat(sameBits(ArmNetworks.layerParams(net, l), ArmNetworks.layerParams(source, l)))
                    .as("layer %d copied", l)
                    .isTrue();
        }
        for (int l = 4; l <= 7; l++) {
            assertThat(sameBits(ArmNetworks.layerParams(net, l), ArmNetworks.layerParams(source, l)))
                    .as("layer %d re-initialised", l)
                    .isFalse();
        }
        assertThat(net.getLayer(PaperLayers.weightIndex(8)).getParam("W").shape())
                .containsExactly(64L, 4L);
    }

    @Test
    void frozenLayersStayBitIdenticalWhileTheRestTrains() {
        MultiLayerNetwork net = ArmNetworks.build(Arm.SELFFER, 7, TARGET_SPEC, HP, 1, source, SOURCE_SPEC);
        INDArray[] before = new INDArray[9];
        for (int l = 1; l <= 8; l++) {
            before[l] = ArmNetworks.layerParams(net, l);
        }

        train(net);

        for (int l = 1; l <= 7; l++) {
            assertThat(sameBits(ArmNetworks.layerParams(net, l), before[l]))
                    .as("frozen layer %d", l)
                    .isTrue();
            assertThat(sameBits(ArmNetworks.layerParams(net, l), ArmNetworks.layerParams(source, l)))
                    .isTrue();
        }
        assertThat(sameBits(ArmNetworks.layerParams(net, 8), before[8]))
                .as("layer 8 trains")
                .isFalse();
        assertThat(net.getLearningRate(PaperLayers.weightIndex(7))).isZero();
        assertThat(regularisation(net, 7))
                .as("no weight decay on a frozen layer")
                .isEmpty();
        assertThat(regularisation(net, 8)).hasSize(1);
        assertThat(net.getLearningRate(PaperLayers.weightIndex(8))).isEqualTo(HP.learningRate());
    }

    @Test
    void fineTunedCopiedLayersChange() {
        MultiLayerNetwork net = ArmNetworks.build(Arm.TRANSFER_FINETUNED, 3, TARGET_SPEC, HP, 1, source, SOURCE_SPEC);

        train(net);

        for (int l = 1; l <= 8; l++) {
            assertThat(sameBits(ArmNetworks.layerParams(net, l), ArmNetworks.layerParams(source, l)))
                    .as("layer %d changed", l)
                    .isFalse();
        }
    }

    @Test
    void randomFrozenLayersKeepTheirRandomInitialisation() {
        MultiLayerNetwork net = ArmNetworks.build(Arm.RANDOM_FROZEN, 2, TARGET_SPEC, HP, 1, null, null);
        INDArray layer1 = ArmNetworks.layerParams(net, 1);
        INDArray layer2 = ArmNetworks.layerParams(net, 2);
        INDArray layer3 = ArmNetworks.layerParams(net, 3);
        assertThat(sameBits(layer1, ArmNetworks.layerParams(source, 1))).isFalse();

        train(net);

        assertThat(sameBits(ArmNetworks.layerParams(net, 1), layer1)).isTrue();
        assertThat(sameBits(ArmNetworks.layerParams(net, 2), layer2)).isTrue();
        assertThat(sameBits(ArmNetworks.layerParams(net, 3), layer3)).isFalse();
    }

    @Test
    void dropoutAfterFrozenDenseLayersStaysActiveInTrainingMode() {
        MultiLayerNetwork net = ArmNetworks.build(Arm.SELFFER, 7, TARGET_SPEC, HP, 1, source, SOURCE_SPEC);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, 8, 1, 28, 28);

        for (int l : new int[] {6, 7}) {
            int dense = PaperLayers.weightIndex(l) + 1;
            int dropped = PaperLayers.outputIndex(l) + 1;
            java.util.List<INDArray> inference = net.feedForward(x, false);
            assertThat(inference.get(dropped).equalsWithEps(inference.get(dense), 0))
                    .as("layer %d has no dropout in inference mode", l)
                    .isTrue();
            INDArray first = net.feedForward(x, true).get(dropped).dup();
            INDArray second = net.feedForward(x, true).get(dropped).dup();
            assertThat(first.equalsWithEps(second, 0))
                    .as("layer %d dropout varies between passes", l)
                    .isFalse();
            // DL4J may drop out in place, so count the units a dropout-free pass activates
            long active = inference
                    .get(dense)
                    .gt(0)
                    .castTo(DataType.INT32)
                    .sumNumber()
                    .longValue();
            long kept = first.gt(0).castTo(DataType.INT32).sumNumber().longValue();
            assertThat(active).isPositive();
            assertThat(kept).as("layer %d dropout zeroes about half", l).isBetween(active / 5, active * 4 / 5);
        }
    }

    @Test
    void aSourceWithOtherLayerShapesIsRefused() {
        NetworkSpec wider = new NetworkSpec(SOURCE_SPEC.preset(), 1, 28, 28, 0.5, 0.5, 5);
        MultiLayerNetwork wide = Tl8Network.create(wider, HP, 0, 3);

        assertThatThrownBy(() -> ArmNetworks.build(Arm.TRANSFER, 2, TARGET_SPEC, HP, 1, wide, wider))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("layer shapes");
    }

    @Test
    void paperLayersMapToTheirDl4jLayers() {
        MultiLayerNetwork net = Tl8Network.create(TARGET_SPEC, HP, 0, 1);
        assertThat(net.getnLayers()).isEqualTo(PaperLayers.DL4J_LAYER_COUNT);
        for (int l = 1; l <= 8; l++) {
            String name =
                    net.getLayer(PaperLayers.weightIndex(l)).conf().getLayer().getLayerName();
            assertThat(name).isEqualTo(l <= 5 ? "conv" + l : "fc" + l);
            assertThat(PaperLayers.paperLayerOf(PaperLayers.outputIndex(l))).isEqualTo(l);
        }
        assertThat(TARGET_SPEC.convChannels()).containsExactly(8, 16, 24, 24, 16);
    }
}

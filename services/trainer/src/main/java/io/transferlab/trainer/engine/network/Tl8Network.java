package io.transferlab.trainer.engine.network;

import io.transferlab.contracts.model.TrainingSettings;
import io.transferlab.trainer.engine.backend.NativeBackend;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * Builds the 8-weight-layer network (see {@link PaperLayers} for the layout). Frozen layers 1..f get
 * learning rate 0 and no weight decay, as in the original Caffe setup, rather than DL4J's FrozenLayer
 * wrapper: that wrapper runs the wrapped layer in inference mode, which would switch off the dropout after
 * a frozen fc6 or fc7 (PROTOCOL.md requires it to stay active).
 */
public final class Tl8Network {
    private Tl8Network() {}

    /** The learning rate of trainable layers in (0-based) {@code epoch}. */
    public static double learningRate(TrainingSettings hp, int epoch) {
        return schedule(hp) == null ? hp.learningRate() : schedule(hp).valueAt(0, epoch);
    }

    private static ISchedule schedule(TrainingSettings hp) {
        return hp.lrStepEpochs() > 0
                ? new StepSchedule(ScheduleType.EPOCH, hp.learningRate(), hp.lrGamma(), hp.lrStepEpochs())
                : null;
    }

    public static MultiLayerConfiguration configuration(
            NetworkSpec spec, TrainingSettings hp, int frozenLayers, long initSeed) {
        if (frozenLayers < 0 || frozenLayers >= PaperLayers.COUNT) {
            throw new IllegalArgumentException("frozen layers must be 0..7, got " + frozenLayers);
        }
        IUpdater trainable = new MomentumSgd(hp.learningRate(), hp.momentum(), schedule(hp));
        IUpdater frozen = new MomentumSgd(0.0, hp.momentum(), null);
        int[] conv = spec.convChannels();
        int dense = spec.denseUnits();
        double retain = 1.0 - spec.dropout();
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(initSeed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .activation(Activation.RELU)
                .convolutionMode(ConvolutionMode.Truncate)
                // Keeps each conv layer's pre-activation from the forward pass for backprop; without it DL4J runs
                // every oneDNN convolution forward a second time in the backward pass (benchmarks/README.md).
                .cacheMode(CacheMode.DEVICE)
                .updater(trainable)
                .list();
        int[] kernels = {5, 5, 3, 3, 3};
        for (int l = 1; l <= 5; l++) {
            int k = kernels[l - 1];
            // the first convolution skips the gradient with respect to the images (InputConvolution)
            ConvolutionLayer.Builder builder =
                    l == 1 ? new InputConvolutionLayer.Builder(k, k) : new ConvolutionLayer.Builder(k, k);
            list.layer(
                    PaperLayers.weightIndex(l),
                    regularised(
                                    builder.stride(1, 1).padding(k / 2, k / 2).nOut(conv[l - 1]),
                                    l,
                                    frozenLayers,
                                    hp,
                                    trainable,
                                    frozen)
                            .name("conv" + l)
                            .build());
        }
        for (int l : new int[] {1, 2, 5}) {
            list.layer(
                    PaperLayers.weightIndex(l) + 1,
                    new SubsamplingLayer.Builder(PoolingType.MAX)
                            .kernelSize(2, 2)
                            .stride(2, 2)
                            .name("pool" + l)
                            .build());
        }
        for (int l = 6; l <= 7; l++) {
            list.layer(
                    PaperLayers.weightIndex(l),
                    regularised(new DenseLayer.Builder().nOut(dense), l, frozenLayers, hp, trainable, frozen)
                            .name("fc" + l)
                            .build());
            list.layer(
                    PaperLayers.weightIndex(l) + 1,
                    new DropoutLayer.Builder(retain).name("drop" + l).build());
        }
        list.layer(
                PaperLayers.weightIndex(8),
                regularised(
                                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                        .activation(Activation.SOFTMAX)
                                        .nOut(spec.numClasses()),
                                8,
                                frozenLayers,
                                hp,
                                trainable,
                                frozen)
                        .name("fc8")
                        .build());
        return list.setInputType(InputType.convolutional(spec.height(), spec.width(), spec.channels()))
                .build();
    }

    private static <B extends org.deeplearning4j.nn.conf.layers.BaseLayer.Builder<B>> B regularised(
            B builder, int layer, int frozenLayers, TrainingSettings hp, IUpdater trainable, IUpdater frozen) {
        boolean isFrozen = layer <= frozenLayers;
        return builder.updater(isFrozen ? frozen : trainable)
                .l2(isFrozen ? 0.0 : hp.weightDecay())
                .l2Bias(0.0)
                .weightInit(initialisation(hp, layer));
    }

    /**
     * The weight initialiser of paper layer {@code layer} (biases start at 0 either way): He normal for the
     * ReLU layers and Xavier for the classifier, or the paper's Gaussian, N(0, 0.01) with N(0, 0.005) for fc6
     * and fc7.
     */
    static IWeightInit initialisation(TrainingSettings hp, int layer) {
        if (TrainingSettings.INIT_GAUSSIAN.equals(hp.initialisation())) {
            return new WeightInitDistribution(new NormalDistribution(0, gaussianStd(layer)));
        }
        return (layer == PaperLayers.COUNT ? WeightInit.XAVIER : WeightInit.RELU).getWeightInitFunction();
    }

    /** The paper's initial weight standard deviation of paper layer {@code layer}. */
    public static double gaussianStd(int layer) {
        return layer == 6 || layer == 7 ? 0.005 : 0.01;
    }

    /** A freshly initialised network (weights drawn from {@code initSeed}). */
    public static MultiLayerNetwork create(NetworkSpec spec, TrainingSettings hp, int frozenLayers, long initSeed) {
        NativeBackend.ensureConfigured();
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec, hp, frozenLayers, initSeed));
        net.init();
        return net;
    }
}

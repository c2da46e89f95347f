package io.transferlab.trainer.engine.network;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network's first convolution. Its backward pass computes the weight and bias gradients only: the gradient with
 * respect to the input images is thrown away by DL4J, yet its oneDNN helper computes it, and for one input channel
 * oneDNN pads the channels to 16, which made it the single most expensive primitive of a training step
 * (benchmarks/README.md). The weight gradient here is an im2col and one matrix product; the forward pass (oneDNN)
 * is unchanged. Anything but NCHW with explicit padding falls back to DL4J's own backward pass.
 */
public class InputConvolution extends ConvolutionLayer {
    public InputConvolution(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (layerConf().getCnn2dDataFormat() != CNN2DFormat.NCHW
                || layerConf().getConvolutionMode() == ConvolutionMode.Same
                || !layerConf().hasBias()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray z = preOutput4d(true, true, workspaceMgr).getFirst();
        INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
        INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
        long n = input.size(0);
        long outChannels = weightGrad.size(0);
        long inChannels = weightGrad.size(1);
        int kh = (int) weightGrad.size(2);
        int kw = (int) weightGrad.size(3);
        long outH = delta.size(2);
        long outW = delta.size(3);
        int[] stride = layerConf().getStride();
        int[] pad = layerConf().getPadding();
        int[] dilation = layerConf().getDilation();

        // patches[n, outH, outW, inC, kh, kw] filled through a permuted view in the layout im2col writes
        INDArray patches =
                Nd4j.createUninitialized(input.dataType(), new long[] {n, outH, outW, inChannels, kh, kw}, 'c');
        Convolution.im2col(
                input,
                kh,
                kw,
                stride[0],
                stride[1],
                pad[0],
                pad[1],
                dilation[0],
                dilation[1],
                false,
                patches.permute(0, 3, 4, 5, 1, 2));
        INDArray patches2d = patches.reshape('c', n * outH * outW, inChannels * kh * kw);
        INDArray delta2d = delta.permute(1, 0, 2, 3).dup('c').reshape('c', outChannels, n * outH * outW);
        weightGrad.assign(delta2d.mmul(patches2d).reshape(weightGrad.shape()));
        biasGrad.assign(delta.sum(0, 2, 3).reshape(biasGrad.shape()));

        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad, 'c');
        weightNoiseParams.clear();
        return new Pair<>(gradient, null);
    }
}

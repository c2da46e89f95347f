package io.transferlab.trainer.engine.network;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The configuration of a network's first convolution: a plain {@link ConvolutionLayer} whose layer skips the
 * gradient with respect to the network's input (see {@link InputConvolution}). Serialises into DL4J's JSON by
 * class name, so it keeps the no-argument constructor.
 */
public class InputConvolutionLayer extends ConvolutionLayer {
    public InputConvolutionLayer() {}

    InputConvolutionLayer(Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(
            NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners,
            int layerIndex,
            INDArray layerParamsView,
            boolean initializeParams,
            DataType networkDataType) {
        LayerValidation.assertNInNOutSet("InputConvolutionLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        InputConvolution layer = new InputConvolution(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        ParamInitializer init = initializer();
        Map<String, INDArray> params = init.init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public InputConvolutionLayer clone() {
        return (InputConvolutionLayer) super.clone();
    }

    /** Same settings as {@link ConvolutionLayer.Builder}; builds an {@link InputConvolutionLayer}. */
    public static class Builder extends ConvolutionLayer.Builder {
        public Builder(int... kernelSize) {
            super(kernelSize);
        }

        @Override
        public InputConvolutionLayer build() {
            ConvolutionUtils.validateConvolutionModePadding(convolutionMode, padding);
            ConvolutionUtils.validateCnnKernelStridePadding(kernelSize, stride, padding);
            return new InputConvolutionLayer(this);
        }
    }
}

package io.transferlab.trainer.engine.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.model.TrainingSettings;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InputConvolutionTest {
    /** No dropout, so two networks see the very same computation. */
    private static final NetworkSpec SPEC = new NetworkSpec("tl8-gray28", 1, 28, 28, 0.25, 0.0, 5);

    private static MultiLayerNetwork plainTwin(MultiLayerNetwork net) {
        String json = net.getLayerWiseConfigurations()
                .toJson()
                .replace(InputConvolutionLayer.class.getName(), ConvolutionLayer.class.getName());
        MultiLayerNetwork twin = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(json));
        twin.init();
        twin.setParams(net.params().dup());
        return twin;
    }

    private static INDArray gradient(MultiLayerNetwork net, INDArray x, INDArray y) {
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        return net.gradient().gradient().dup();
    }

    private static INDArray inputGradient(Layer layer, INDArray x) {
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(x, noWorkspaces);
        INDArray out = layer.activate(true, noWorkspaces);
        return layer.backpropGradient(Nd4j.onesLike(out), noWorkspaces).getSecond();
    }

    @Test
    void theNetworkKeepsItsSpeedSettingsThroughItsJsonConfiguration() {
        MultiLayerConfiguration conf = Tl8Network.configuration(SPEC, TrainingSettings.defaults(), 0, 1);

        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());

        assertThat(back.getConf(0).getLayer())
                .isInstanceOf(InputConvolutionLayer.class)
                .isEqualTo(conf.getConf(0).getLayer());
        assertThat(back.getCacheMode()).isEqualTo(CacheMode.DEVICE);
        assertThat(Tl8Network.create(SPEC, TrainingSettings.defaults(), 0, 1).getLayer(0))
                .isInstanceOf(InputConvolution.class);
    }

    @Test
    void gradientsMatchThePlainConvolutionAndNoInputGradientIsComputed() {
        MultiLayerNetwork net = Tl8Network.create(SPEC, TrainingSettings.defaults(), 0, 3);
        MultiLayerNetwork plain = plainTwin(net);
        assertThat(plain.getLayer(0)).isNotInstanceOf(InputConvolution.class);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28).subi(0.5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 5);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 5, 1f);
        }

        INDArray fast = gradient(net, x, y);
        INDArray reference = gradient(plain, x, y);

        assertThat(net.score()).isEqualTo(plain.score());
        double scale = reference.amaxNumber().doubleValue();
        assertThat(scale).isGreaterThan(0);
        assertThat(fast.sub(reference).amaxNumber().doubleValue()).isLessThan(1e-4 * scale);
        INDArray conv1 = net.getLayer(0).getParam("W");
        INDArray conv1Grad = net.gradient().getGradientFor("0_W");
        assertThat(conv1Grad.shape()).isEqualTo(conv1.shape());
        assertThat(conv1Grad.amaxNumber().doubleValue()).isGreaterThan(0);
        assertThat(inputGradient(net.getLayer(0), x)).isNull();
        assertThat(inputGradient(plain.getLayer(0), x).shape()).isEqualTo(x.shape());
    }
}

package io.transferlab.trainer.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.contracts.model.TrainingSettings;
import io.transferlab.trainer.engine.network.NetworkSpec;
import io.transferlab.trainer.engine.network.PaperLayers;
import io.transferlab.trainer.engine.network.Tl8Network;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NativeBackendTest {
    private static final NetworkSpec SPEC = new NetworkSpec("tl8-gray28", 1, 28, 28, 0.25, 0.5, 5);

    @Test
    void convAndPoolLayersReallyGetTheOneDnnHelpers() {
        MultiLayerNetwork net = Tl8Network.create(SPEC, TrainingSettings.defaults(), 0, 1);

        assertThat(NativeBackend.oneDnnAvailable()).isTrue();
        assertThat(NativeBackend.describe()).startsWith("cpu (nd4j-native onednn, ");
        for (int l = 1; l <= 5; l++) {
            assertThat(net.getLayer(PaperLayers.weightIndex(l)).getHelper())
                    .as("conv%d helper", l)
                    .isInstanceOf(MKLDNNConvHelper.class);
        }
        assertThat(net.getLayer(1).getHelper()).isInstanceOf(MKLDNNSubsamplingHelper.class);
        assertThat(net.getLayer(PaperLayers.outputIndex(5)).getHelper()).isInstanceOf(MKLDNNSubsamplingHelper.class);
    }

    @Test
    void oneDnnOutputsMatchTheBuiltInImplementation() {
        MultiLayerNetwork fast = Tl8Network.create(SPEC, TrainingSettings.defaults(), 0, 7);
        String before = System.getProperty(NativeBackend.HELPERS_DISABLE);
        MultiLayerNetwork plain;
        try {
            System.setProperty(NativeBackend.HELPERS_DISABLE, "true");
            plain = Tl8Network.create(SPEC, TrainingSettings.defaults(), 0, 7);
        } finally {
            System.setProperty(NativeBackend.HELPERS_DISABLE, before);
        }
        assertThat(plain.getLayer(0).getHelper()).isNull();
        assertThat(plain.params()).isEqualTo(fast.params());

        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 1, 28, 28);
        INDArray a = fast.output(x, false);
        INDArray b = plain.output(x, false);
        assertThat(a.sub(b).amaxNumber().doubleValue()).isLessThan(1e-5);
    }
}

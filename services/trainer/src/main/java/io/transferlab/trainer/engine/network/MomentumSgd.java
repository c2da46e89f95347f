package io.transferlab.trainer.engine.network;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Classical (Caffe/PyTorch) momentum SGD: {@code v = momentum * v + lr * g; w -= v}. DL4J only ships Nesterov
 * momentum. A layer frozen by the protocol gets learning rate 0: {@code v} then stays exactly zero and the
 * weights bit-identical, while the layer still runs in training mode (dropout after it stays active).
 * Serialised into DL4J's JSON configuration by field (IUpdater's Jackson settings), so it needs the no-arg
 * constructor and non-final fields. It lives with the network because DL4J binds the updater into every layer's
 * configuration; the training loop only runs what the configuration says.
 */
public class MomentumSgd implements IUpdater {
    private double learningRate;
    private double momentum;
    private ISchedule learningRateSchedule;

    public MomentumSgd() {
        this(0.01, 0.9, null);
    }

    public MomentumSgd(double learningRate, double momentum, ISchedule learningRateSchedule) {
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.learningRateSchedule = learningRateSchedule;
    }

    public double getMomentum() {
        return momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater updater = new Updater(this);
        long[] gradientShape = Arrays.copyOf(viewArray.shape(), viewArray.rank());
        updater.setStateViewArray(viewArray, gradientShape, viewArray.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        Updater updater = new Updater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public MomentumSgd clone() {
        return new MomentumSgd(
                learningRate, momentum, learningRateSchedule == null ? null : learningRateSchedule.clone());
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule == null ? learningRate : learningRateSchedule.valueAt(iteration, epoch);
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MomentumSgd other
                && other.learningRate == learningRate
                && other.momentum == momentum
                && Objects.equals(other.learningRateSchedule, learningRateSchedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum, learningRateSchedule);
    }

    @Override
    public String toString() {
        return "MomentumSgd(lr=" + learningRate + ", momentum=" + momentum + ", schedule=" + learningRateSchedule + ")";
    }

    static final class Updater implements GradientUpdater<MomentumSgd> {
        private static final String STATE_V = "V";
        private final MomentumSgd config;
        private INDArray velocity;

        Updater(MomentumSgd config) {
            this.config = config;
        }

        @Override
        public MomentumSgd getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> stateMap, boolean initialize) {
            INDArray v = stateMap.get(STATE_V);
            if (v == null || stateMap.size() != 1) {
                throw new IllegalStateException("momentum SGD state needs exactly the key " + STATE_V);
            }
            velocity = v;
            if (initialize) {
                velocity.assign(0);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            return Map.of(STATE_V, velocity);
        }

        @Override
        public void setStateViewArray(
                INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            if (initialize) {
                viewArray.assign(0);
            }
            // Must stay a view of DL4J's updater state array, or the state would not be saved or restored.
            velocity = Shape.newShapeNoCopy(viewArray, gradientShape, gradientOrder == 'f');
            if (velocity == null) {
                throw new IllegalStateException("cannot view the updater state as " + Arrays.toString(gradientShape));
            }
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            if (velocity == null) {
                throw new IllegalStateException("momentum SGD updater has no state view");
            }
            double lr = config.getLearningRate(iteration, epoch);
            // gradient becomes the update that DL4J subtracts from the parameters: v = mu*v + lr*g.
            gradient.muli(lr);
            velocity.muli(config.momentum).addi(gradient);
            gradient.assign(velocity);
        }
    }
}

package io.transferlab.trainer.engine.training;

import io.transferlab.contracts.model.TrainingSettings;
import io.transferlab.trainer.engine.EpochStats;
import io.transferlab.trainer.engine.JobCancelledException;
import io.transferlab.trainer.engine.TrainingDivergedException;
import io.transferlab.trainer.engine.TrainingListener;
import io.transferlab.trainer.engine.data.HalfData;
import io.transferlab.trainer.engine.data.ImageSet;
import io.transferlab.trainer.engine.network.Tl8Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batch training of one network: SGD with momentum and weight decay as configured in the network,
 * the learning-rate schedule by epoch, seeded shuffling and dropout, periodic validation.
 */
public final class Trainer {
    /** Images per inference batch in evaluation. */
    public static final int EVAL_BATCH = 256;

    /** Called after an epoch's state is final (for example to write a checkpoint). */
    @FunctionalInterface
    public interface EpochEnd {
        void accept(TrainingState state);
    }

    private final MultiLayerNetwork net;
    private final TrainingSettings hp;
    private final long seed;
    private long stepNanos;
    private long evalNanos;

    public Trainer(MultiLayerNetwork net, TrainingSettings hp, long seed) {
        this.net = net;
        this.hp = hp;
        this.seed = seed;
    }

    /** Trains from {@code state} to {@code hp.epochs()} and returns the final state. */
    public TrainingState train(
            HalfData data,
            TrainingState start,
            TrainingListener listener,
            BooleanSupplier cancelled,
            EpochEnd epochEnd) {
        ImageSet train = data.train();
        int batch = hp.batchSize();
        int batchesPerEpoch = (train.count() + batch - 1) / batch; // the last one filled up: fullBatches
        long totalIterations = (long) batchesPerEpoch * hp.epochs();
        List<Integer> validationPoints = validationPoints(batchesPerEpoch, Math.max(1, hp.validationsPerEpoch()));
        TrainingState state = start;
        for (int epoch = state.epochsCompleted(); epoch < hp.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            long trainNanos = 0;
            net.setEpochCount(epoch);
            Nd4j.getRandom().setSeed(Seeds.derive(seed, "dropout", epoch));
            int[] order = fullBatches(shuffled(train.count(), Seeds.derive(seed, "shuffle", epoch)), batch);
            long iteration = state.iteration();
            double lossSum = 0;
            List<Double> validations = new ArrayList<>();
            Accuracy lastValidation = null;
            for (int b = 0; b < batchesPerEpoch; b++) {
                int from = b * batch;
                int to = Math.min(order.length, from + batch);
                long t = System.nanoTime();
                net.fit(batchOf(train, order, from, to, true));
                trainNanos += System.nanoTime() - t;
                stepNanos += System.nanoTime() - t;
                double loss = net.score();
                iteration++;
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException("diverged: training loss is " + loss + " at epoch "
                            + (epoch + 1) + ", iteration " + iteration + " (learning rate "
                            + Tl8Network.learningRate(hp, epoch) + ")");
                }
                lossSum += loss;
                listener.onIteration(
                        epoch + 1,
                        iteration,
                        Math.min(1.0, (double) ((long) epoch * batchesPerEpoch + b + 1) / totalIterations));
                if (cancelled.getAsBoolean()) {
                    throw new JobCancelledException(
                            "cancelled in epoch " + (epoch + 1) + " after iteration " + iteration);
                }
                if (validationPoints.contains(b + 1)) {
                    lastValidation = requireFinite(timedEvaluation(data.validation()), "validation", epoch + 1);
                    validations.add(lastValidation.top1());
                }
            }
            double seconds = trainNanos / 1e9;
            double epochLoss = lossSum / batchesPerEpoch;
            String blowUp = blownUp(epochLoss, state.epochHistory(), data.numClasses());
            if (blowUp != null) {
                throw new TrainingDivergedException("diverged: " + blowUp + " at epoch " + (epoch + 1)
                        + " (learning rate " + Tl8Network.learningRate(hp, epoch) + ")");
            }
            EpochStats stats = new EpochStats(
                    epoch + 1,
                    hp.epochs(),
                    epochLoss,
                    lastValidation.top1(),
                    lastValidation.top5(),
                    Tl8Network.learningRate(hp, epoch),
                    seconds > 0 ? order.length / seconds : 0,
                    (System.nanoTime() - epochStart) / 1_000_000);
            state = state.next(iteration, validations, stats);
            net.setEpochCount(epoch + 1);
            listener.onEpoch(stats);
            epochEnd.accept(state);
        }
        return state;
    }

    /**
     * {@code accuracy} unless some outputs were non-finite: then the network diverged and its numbers must
     * not be reported.
     */
    public static Accuracy requireFinite(Accuracy accuracy, String what, int epoch) {
        if (accuracy.nonFinite() > 0) {
            throw new TrainingDivergedException("diverged: " + accuracy.nonFinite() + " of " + accuracy.count() + " "
                    + what + " images have non-finite outputs after epoch " + epoch);
        }
        return accuracy;
    }

    /** Evaluates {@code set} with this trainer's network, counting the time as evaluation time. */
    public Accuracy timedEvaluation(ImageSet set) {
        long t = System.nanoTime();
        try {
            return evaluate(net, set);
        } finally {
            evalNanos += System.nanoTime() - t;
        }
    }

    /** Time spent in mini-batch steps (forward, backward, update, batch assembly) by this trainer so far. */
    public long stepMillis() {
        return stepNanos / 1_000_000;
    }

    /** Time spent in evaluation passes by this trainer so far. */
    public long evalMillis() {
        return evalNanos / 1_000_000;
    }

    /** 1-based batch numbers after which to validate; the last batch is always one of them. */
    static List<Integer> validationPoints(int batchesPerEpoch, int perEpoch) {
        List<Integer> points = new ArrayList<>();
        for (int k = 1; k <= perEpoch; k++) {
            int p = (int) Math.round((double) k * batchesPerEpoch / perEpoch);
            if (p >= 1 && !points.contains(p)) {
                points.add(p);
            }
        }
        return points;
    }

    /**
     * The epoch's order padded so that every mini-batch is full: the last, incomplete batch is filled up with the
     * first images of the same order (Caffe, which the paper used, cycles through its data the same way). Without
     * it the last step of every epoch takes a full learning-rate step on the gradient of the few images left over
     * (2 of 450 at batch 32), a noise that blew up about one network in ten in a 30-epoch study (docs/SCORING.md).
     * A set smaller than one batch is one batch of all its images.
     */
    static int[] fullBatches(int[] order, int batch) {
        int n = order.length;
        if (n <= batch || n % batch == 0) {
            return order;
        }
        int[] padded = Arrays.copyOf(order, (n / batch + 1) * batch);
        for (int i = n; i < padded.length; i++) {
            padded[i] = order[i - n];
        }
        return padded;
    }

    /**
     * Why an epoch whose mean training loss is {@code epochLoss} shows that training blew up, or null: the loss
     * rose above twice the lowest epoch mean so far and above the loss of a uniform guess, ln(classes). Such a
     * network has unlearnt what it had learnt; its outputs are finite, but its numbers are not a result. A network
     * that never learnt (a frozen random one) stays below its own start and is not caught.
     */
    static String blownUp(double epochLoss, List<EpochStats> history, int classes) {
        double lowest =
                history.stream().mapToDouble(EpochStats::trainLoss).min().orElse(Double.NaN);
        double chance = Math.log(Math.max(2, classes));
        if (Double.isNaN(lowest) || epochLoss <= 2 * lowest || epochLoss <= chance) {
            return null;
        }
        return String.format(
                Locale.ROOT,
                "the training loss rose to %.3f, more than twice its lowest epoch mean %.3f and above chance (ln %d ="
                        + " %.3f)",
                epochLoss,
                lowest,
                classes,
                chance);
    }

    static int[] shuffled(int n, long shuffleSeed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(shuffleSeed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    /** Images {@code order[from..to)} as an N x C x H x W feature array (labels one-hot when asked). */
    public static DataSet batchOf(ImageSet set, int[] order, int from, int to, boolean withLabels) {
        int size = set.imageSize();
        int n = to - from;
        float[] pixels = new float[n * size];
        float[] labels = withLabels ? new float[n * set.numClasses()] : null;
        for (int i = 0; i < n; i++) {
            int idx = order == null ? from + i : order[from + i];
            System.arraycopy(set.pixels(), idx * size, pixels, i * size, size);
            if (withLabels) {
                labels[i * set.numClasses() + set.labels()[idx]] = 1f;
            }
        }
        INDArray features = Nd4j.create(pixels, new long[] {n, set.channels(), set.height(), set.width()}, 'c');
        INDArray y = withLabels ? Nd4j.create(labels, new long[] {n, set.numClasses()}, 'c') : null;
        return new DataSet(features, y);
    }

    /**
     * Top-1 (and top-5 with at least 10 classes) accuracy of {@code net} in inference mode. An image counts as
     * correct at rank k only when fewer than k other classes score at least as high as its label: a tie is a
     * miss, and a non-finite output (NaN or infinite anywhere in the image's row) is a miss, counted in
     * {@link Accuracy#nonFinite()}.
     */
    public static Accuracy evaluate(MultiLayerNetwork net, ImageSet set) {
        if (set.count() == 0) {
            return new Accuracy(Double.NaN, set.numClasses() >= 10 ? Double.NaN : null, 0);
        }
        long top1 = 0;
        long top5 = 0;
        int nonFinite = 0;
        for (int from = 0; from < set.count(); from += EVAL_BATCH) {
            int to = Math.min(set.count(), from + EVAL_BATCH);
            float[][] probs = net.output(batchOf(set, null, from, to, false).getFeatures(), false)
                    .toFloatMatrix();
            for (int i = 0; i < probs.length; i++) {
                int rank = rankOf(probs[i], set.labels()[from + i]);
                if (rank < 0) {
                    nonFinite++;
                    continue;
                }
                top1 += rank == 0 ? 1 : 0;
                top5 += rank < 5 ? 1 : 0;
            }
        }
        return new Accuracy(
                (double) top1 / set.count(),
                set.numClasses() >= 10 ? (double) top5 / set.count() : null,
                set.count(),
                nonFinite);
    }

    /**
     * How many other classes score at least as high as {@code label} (0: strictly the best), or -1 when any
     * score is non-finite.
     */
    static int rankOf(float[] scores, int label) {
        float p = scores[label];
        int atLeast = 0;
        for (int c = 0; c < scores.length; c++) {
            if (!Float.isFinite(scores[c])) {
                return -1;
            }
            if (c != label && scores[c] >= p) {
                atLeast++;
            }
        }
        return atLeast;
    }
}

package io.transferlab.trainer.engine;

import io.transferlab.contracts.model.ArchitectureSpec;
import io.transferlab.contracts.model.TrainingSettings;
import io.transferlab.trainer.engine.data.HalfData;
import io.transferlab.trainer.engine.data.ImageSet;
import io.transferlab.trainer.engine.network.NetworkSpec;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Tiny synthetic data and a narrow network, so engine tests take seconds. */
public final class EngineFixtures {
    private EngineFixtures() {}

    /** A quarter-width 28x28 grayscale network with {@code classes} outputs. */
    public static NetworkSpec tinySpec(int classes) {
        return new NetworkSpec(ArchitectureSpec.GRAY28, 1, 28, 28, 0.25, 0.5, classes);
    }

    public static TrainingSettings settings(int epochs, int batch) {
        return new TrainingSettings(epochs, batch, 0.01, 2, 0.5, 0.9, 5e-4, null, 0.2, 2);
    }

    /**
     * {@code perClass} images of each class: a bright 7x7 block whose position depends on the class, on noise,
     * centred around zero like normalised data.
     */
    public static ImageSet images(int classes, int perClass, long seed) {
        int n = classes * perClass;
        float[] pixels = new float[n * 28 * 28];
        int[] labels = new int[n];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            labels[i] = c;
            int top = 3 + (c % 3) * 7;
            int left = 3 + (c / 3 % 3) * 7;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    boolean on = y >= top && y < top + 7 && x >= left && x < left + 7;
                    pixels[i * 784 + y * 28 + x] = (float) ((on ? 1.5 : 0) + rng.nextDouble() - 0.5);
                }
            }
        }
        return new ImageSet(n, 1, 28, 28, pixels, labels, classes);
    }

    public static HalfData halfData(int classes, int trainPerClass, long seed) {
        return new HalfData(
                images(classes, trainPerClass, seed),
                images(classes, 4, seed + 1),
                images(classes, 4, seed + 2),
                IntStream.range(0, classes).boxed().toList(),
                new float[] {0f},
                new float[] {1f});
    }

    public static List<Integer> classes(int k) {
        return IntStream.range(0, k).boxed().toList();
    }
}

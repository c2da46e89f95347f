package io.transferlab.contracts.model;

import java.util.List;

/**
 * How classes are split into halves A and B.
 * <ul>
 * <li>{@code random}: half the classes chosen with {@code seed}; A sorted, B the sorted complement.</li>
 * <li>{@code explicit}: {@code classesA} and {@code classesB}, disjoint.</li>
 * <li>{@code preset}: a named split such as {@code dissimilar} (Fashion-MNIST clothes vs the rest,
 * CIFAR-100 natural vs man-made).</li>
 * </ul>
 */
public record SplitSpec(String kind, Long seed, List<Integer> classesA, List<Integer> classesB, String preset) {
    public static final String RANDOM = "random";
    public static final String EXPLICIT = "explicit";
    public static final String PRESET = "preset";

    public SplitSpec {
        if (kind == null) {
            kind = RANDOM;
        }
        if (RANDOM.equals(kind) && seed == null) {
            seed = 0L;
        }
        classesA = classesA == null ? null : List.copyOf(classesA);
        classesB = classesB == null ? null : List.copyOf(classesB);
    }

    public static SplitSpec random(long seed) {
        return new SplitSpec(RANDOM, seed, null, null, null);
    }

    public static SplitSpec explicit(List<Integer> a, List<Integer> b) {
        return new SplitSpec(EXPLICIT, null, a, b, null);
    }

    public static SplitSpec preset(String name) {
        return new SplitSpec(PRESET, null, null, null, name);
    }
}

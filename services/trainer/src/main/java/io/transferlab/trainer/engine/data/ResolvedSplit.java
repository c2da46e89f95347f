package io.transferlab.trainer.engine.data;

import io.transferlab.contracts.model.Half;
import java.util.List;

/**
 * A class split with both halves as sorted lists of original class indices; {@code digest} is the
 * SHA-256 (hex) of {@code "A=<classesA>;B=<classesB>"}, so equal splits have equal digests however
 * they were specified.
 */
public record ResolvedSplit(List<Integer> classesA, List<Integer> classesB, String digest) {

    public ResolvedSplit {
        classesA = List.copyOf(classesA);
        classesB = List.copyOf(classesB);
    }

    /** Builds a split from two sorted, disjoint class lists and computes its digest. */
    public static ResolvedSplit of(List<Integer> classesA, List<Integer> classesB) {
        return new ResolvedSplit(classesA, classesB, Digests.sha256Hex("A=" + classesA + ";B=" + classesB));
    }

    public List<Integer> classes(Half half) {
        return half == Half.A ? classesA : classesB;
    }
}

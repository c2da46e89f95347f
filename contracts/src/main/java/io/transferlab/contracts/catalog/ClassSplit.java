package io.transferlab.contracts.catalog;

import java.util.List;

/** A named split of a dataset's classes into halves A and B: two sorted, disjoint, non-empty lists of class indices. */
public record ClassSplit(List<Integer> classesA, List<Integer> classesB) {

    public ClassSplit {
        classesA = List.copyOf(classesA);
        classesB = List.copyOf(classesB);
        if (classesA.isEmpty() || classesB.isEmpty()) {
            throw new IllegalArgumentException("both halves of a split need classes");
        }
        if (!classesA.stream().sorted().toList().equals(classesA)
                || !classesB.stream().sorted().toList().equals(classesB)) {
            throw new IllegalArgumentException("the halves of a split are sorted");
        }
        if (classesA.get(0) < 0 || classesB.get(0) < 0) {
            throw new IllegalArgumentException("class indices are not negative");
        }
        if (classesA.stream().anyMatch(classesB::contains)) {
            throw new IllegalArgumentException("the halves of a split are disjoint");
        }
    }

    /** The same split with A and B swapped. */
    public ClassSplit swapped() {
        return new ClassSplit(classesB, classesA);
    }
}

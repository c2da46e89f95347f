package io.transferlab.trainer.engine.data;

import java.util.List;

/**
 * One half of a split, labels re-indexed 0..k-1 in sorted order of {@code originalClasses};
 * every image set is normalised per channel with the mean and standard deviation of {@code train}.
 */
public record HalfData(
        ImageSet train, ImageSet validation, ImageSet test, List<Integer> originalClasses, float[] mean, float[] std) {

    public HalfData {
        originalClasses = List.copyOf(originalClasses);
    }

    public int numClasses() {
        return originalClasses.size();
    }
}

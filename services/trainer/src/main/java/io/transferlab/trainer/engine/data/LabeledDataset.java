package io.transferlab.trainer.engine.data;

import java.util.List;

/**
 * A whole dataset as read from disk: official train and test images, class names indexed by label,
 * and a SHA-256 digest (hex) of the files it was read from.
 */
public record LabeledDataset(String name, ImageSet train, ImageSet test, List<String> classNames, String digest) {

    public LabeledDataset {
        classNames = List.copyOf(classNames);
        if (train.numClasses() != classNames.size() || test.numClasses() != classNames.size()) {
            throw new IllegalArgumentException("dataset " + name + " has " + classNames.size()
                    + " class names but its image sets have " + train.numClasses() + " and " + test.numClasses()
                    + " classes");
        }
    }

    public int numClasses() {
        return classNames.size();
    }
}

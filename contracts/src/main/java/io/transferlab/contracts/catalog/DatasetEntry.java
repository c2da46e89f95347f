package io.transferlab.contracts.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A built-in dataset: its name, its class names by label, the architecture preset that fits its images and its
 * named class splits (in a stable order, the first being the one a user names most).
 */
public record DatasetEntry(
        String name, List<String> classNames, String architecture, Map<String, ClassSplit> splitPresets) {

    public DatasetEntry {
        if (name == null || name.isBlank() || architecture == null) {
            throw new IllegalArgumentException("a dataset has a name and an architecture preset");
        }
        classNames = List.copyOf(classNames);
        if (classNames.size() < 2) {
            throw new IllegalArgumentException(name + ": a dataset has at least 2 classes");
        }
        splitPresets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(splitPresets));
        for (Map.Entry<String, ClassSplit> preset : splitPresets.entrySet()) {
            ClassSplit split = preset.getValue();
            if (split.classesA().get(split.classesA().size() - 1) >= classNames.size()
                    || split.classesB().get(split.classesB().size() - 1) >= classNames.size()) {
                throw new IllegalArgumentException(name + ": split preset " + preset.getKey()
                        + " names a class beyond 0.." + (classNames.size() - 1));
            }
        }
    }

    public int classCount() {
        return classNames.size();
    }

    /** The named split, by its exact name. */
    public Optional<ClassSplit> splitPreset(String preset) {
        return Optional.ofNullable(splitPresets.get(preset));
    }
}

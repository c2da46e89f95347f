package io.transferlab.coordinator.request;

import io.transferlab.contracts.model.ArchitectureSpec;
import io.transferlab.contracts.model.DatasetSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The datasets the trainers know, with their class counts, default architectures and named splits. */
public final class Datasets {
    public static final String FOLDER = "folder";

    /** Weight layers of every TransferLab architecture (conv1..conv5, fc6, fc7, fc8). */
    public static final int LAYERS = 8;

    private static final Map<String, Integer> CLASSES = Map.of(
            "fashion-mnist", 10, "mnist", 10, "cifar10", 10, "cifar100", 100);
    private static final Map<String, String> PRESETS = Map.of(
            "fashion-mnist", ArchitectureSpec.GRAY28, "mnist", ArchitectureSpec.GRAY28,
            "cifar10", ArchitectureSpec.COLOR32, "cifar100", ArchitectureSpec.COLOR32);
    private static final Map<String, Set<String>> SPLIT_PRESETS = Map.of(
            "fashion-mnist", Set.of("dissimilar"), "cifar100", Set.of("dissimilar"));
    public static final Set<String> ARCHITECTURES = Set.of(ArchitectureSpec.GRAY28, ArchitectureSpec.COLOR32);

    private Datasets() {
    }

    public static boolean known(String name) {
        return CLASSES.containsKey(name) || FOLDER.equals(name);
    }

    /** The class count of a dataset: fixed for the built-in ones, {@code numClasses} for folders. */
    public static Optional<Integer> classCount(DatasetSpec dataset) {
        if (FOLDER.equals(dataset.name())) {
            return Optional.ofNullable(dataset.numClasses());
        }
        return Optional.ofNullable(CLASSES.get(dataset.name()));
    }

    public static Optional<Integer> builtInClassCount(String name) {
        return Optional.ofNullable(CLASSES.get(name));
    }

    /** The architecture preset a dataset uses when the request names none (none for folders). */
    public static Optional<String> defaultPreset(String name) {
        return Optional.ofNullable(PRESETS.get(name));
    }

    public static boolean knownSplitPreset(String dataset, String preset) {
        return SPLIT_PRESETS.getOrDefault(dataset, Set.of()).contains(preset);
    }

    public static Set<String> splitPresets(String dataset) {
        return SPLIT_PRESETS.getOrDefault(dataset, Set.of());
    }
}

package io.transferlab.contracts.catalog;

import io.transferlab.contracts.model.ArchitectureSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every service knows of datasets and networks, written once: the built-in datasets with their class
 * names, the architecture preset that fits each, their named class splits, the {@code folder} dataset, the
 * architecture presets with their input shapes, and the number of weight layers. The coordinator validates
 * requests against {@link #STANDARD} and the trainer loads, splits and builds networks from the same object, so
 * a request the coordinator accepts is one the trainer can run.
 *
 * <p>Names are exact (lower case, as on the wire); a caller that accepts other spellings normalises first.
 */
public final class DatasetCatalog {

    public static final String FASHION_MNIST = "fashion-mnist";
    public static final String MNIST = "mnist";
    public static final String CIFAR10 = "cifar10";
    public static final String CIFAR100 = "cifar100";
    /** An image folder, one sub-folder per class; its classes are known only from its files. */
    public static final String FOLDER = "folder";

    /** Fashion-MNIST upper-body clothes vs the rest; CIFAR-100 man-made vs natural (the paper's A and B). */
    public static final String DISSIMILAR = "dissimilar";

    public static final String MAN_MADE_VS_NATURAL = "man-made-vs-natural";
    public static final String NATURAL_VS_MAN_MADE = "natural-vs-man-made";

    /** Weight layers of every architecture (conv1..conv5, fc6, fc7, fc8); layer cuts lie in 1..LAYERS-1. */
    public static final int LAYERS = 8;

    public static final List<String> FASHION_MNIST_CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final List<String> MNIST_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    public static final List<String> CIFAR10_CLASSES =
            List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    /** The one catalog of TransferLab. */
    public static final DatasetCatalog STANDARD = new DatasetCatalog(
            List.of(
                    new DatasetEntry(
                            FASHION_MNIST,
                            FASHION_MNIST_CLASSES,
                            ArchitectureSpec.GRAY28,
                            Map.of(DISSIMILAR, new ClassSplit(List.of(0, 2, 3, 4, 6), List.of(1, 5, 7, 8, 9)))),
                    new DatasetEntry(MNIST, MNIST_CLASSES, ArchitectureSpec.GRAY28, Map.of()),
                    new DatasetEntry(CIFAR10, CIFAR10_CLASSES, ArchitectureSpec.COLOR32, Map.of()),
                    new DatasetEntry(
                            CIFAR100, Cifar100Classes.FINE_NAMES, ArchitectureSpec.COLOR32, cifar100Presets())),
            List.of(
                    new ArchitectureEntry(ArchitectureSpec.GRAY28, ImageShape.GRAY_28),
                    new ArchitectureEntry(ArchitectureSpec.COLOR32, ImageShape.COLOR_32)));

    private final Map<String, DatasetEntry> datasets = new LinkedHashMap<>();
    private final Map<String, ArchitectureEntry> architectures = new LinkedHashMap<>();

    private DatasetCatalog(List<DatasetEntry> builtIn, List<ArchitectureEntry> presets) {
        presets.forEach(a -> architectures.put(a.preset(), a));
        for (DatasetEntry d : builtIn) {
            if (!architectures.containsKey(d.architecture())) {
                throw new IllegalStateException(d.name() + " uses unknown architecture " + d.architecture());
            }
            datasets.put(d.name(), d);
        }
    }

    /** Every dataset name a request may use, built-in ones first, then {@link #FOLDER}. */
    public List<String> names() {
        List<String> names = new ArrayList<>(datasets.keySet());
        names.add(FOLDER);
        return List.copyOf(names);
    }

    public boolean known(String name) {
        return datasets.containsKey(name) || FOLDER.equals(name);
    }

    /** A built-in dataset by name; empty for {@link #FOLDER} and unknown names. */
    public Optional<DatasetEntry> builtIn(String name) {
        return Optional.ofNullable(datasets.get(name));
    }

    /** The class names of a built-in dataset by label; empty for a folder (its classes are its sub-folders). */
    public List<String> classNames(String dataset) {
        return builtIn(dataset).map(DatasetEntry::classNames).orElse(List.of());
    }

    /** The architecture preset a dataset uses when a request names none (none for folders). */
    public Optional<String> defaultArchitecture(String dataset) {
        return builtIn(dataset).map(DatasetEntry::architecture);
    }

    /** The named class splits of a dataset, in a stable order (none for folders). */
    public Map<String, ClassSplit> splitPresets(String dataset) {
        return builtIn(dataset).map(DatasetEntry::splitPresets).orElse(Map.of());
    }

    /** Every architecture preset name. */
    public List<String> architectures() {
        return List.copyOf(architectures.keySet());
    }

    public Optional<ArchitectureEntry> architecture(String preset) {
        return Optional.ofNullable(architectures.get(preset));
    }

    /** The preset whose input has {@code channels} channels (gray -> tl8-gray28, colour -> tl8-color32). */
    public String architectureFor(int channels) {
        return architectures.values().stream()
                .filter(a -> a.input().channels() == channels)
                .findFirst()
                .map(ArchitectureEntry::preset)
                .orElseThrow(() -> new IllegalArgumentException("no architecture takes " + channels + " channels"));
    }

    private static Map<String, ClassSplit> cifar100Presets() {
        ClassSplit manMadeFirst = new ClassSplit(Cifar100Classes.manMadeClasses(), Cifar100Classes.naturalClasses());
        Map<String, ClassSplit> presets = new LinkedHashMap<>();
        presets.put(DISSIMILAR, manMadeFirst);
        presets.put(MAN_MADE_VS_NATURAL, manMadeFirst);
        presets.put(NATURAL_VS_MAN_MADE, manMadeFirst.swapped());
        return presets;
    }
}

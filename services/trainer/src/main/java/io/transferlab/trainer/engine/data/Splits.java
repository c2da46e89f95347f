package io.transferlab.trainer.engine.data;

import io.transferlab.contracts.catalog.Cifar100Classes;
import io.transferlab.contracts.catalog.DatasetCatalog;
import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.SplitSpec;
import io.transferlab.trainer.engine.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Class splits and the data of one half.
 *
 * <p>Resolving a {@link SplitSpec}:
 * <ul>
 * <li>{@code random}: the class indices 0..k-1 are shuffled with {@code Collections.shuffle(list,
 * new java.util.Random(seed))}; the first {@code k/2} (rounded down) sorted are A, the sorted
 * complement is B. {@code java.util.Random} is specified bit for bit, so any JVM gives the same split.</li>
 * <li>{@code explicit}: the two lists, sorted; they must be non-empty, free of duplicates, disjoint and
 * within 0..k-1. They need not cover every class.</li>
 * <li>{@code preset}: {@code dissimilar} for Fashion-MNIST is A = {T-shirt/top 0, Pullover 2, Dress 3,
 * Coat 4, Shirt 6} (upper-body clothes) vs B = {Trouser 1, Sandal 5, Sneaker 7, Bag 8, Ankle boot 9}.
 * For CIFAR-100, {@code dissimilar} (alias {@code man-made-vs-natural}) is A = the 30 man-made
 * classes vs B = the 70 natural ones, following the paper's A = man-made, B = natural; {@code
 * natural-vs-man-made} is the same split with the halves swapped. The superclass table is in
 * {@link Cifar100Classes}. The presets themselves are written once, in {@link DatasetCatalog}.</li>
 * </ul>
 */
public final class Splits {

    private static final long CLASS_SEED_MIX = 0x9E3779B97F4A7C15L;

    private Splits() {}

    /**
     * Resolves a split specification against a dataset.
     *
     * @throws InvalidSplitException with the reason when the split cannot be used
     */
    public static ResolvedSplit resolve(SplitSpec spec, LabeledDataset dataset) {
        if (spec == null) {
            throw new InvalidSplitException("a split is required");
        }
        int k = dataset.numClasses();
        String kind = spec.kind().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case SplitSpec.RANDOM -> random(k, spec.seed() == null ? 0L : spec.seed());
            case SplitSpec.EXPLICIT -> explicit(spec.classesA(), spec.classesB(), k);
            case SplitSpec.PRESET -> preset(dataset.name(), spec.preset(), k);
            default ->
                throw new InvalidSplitException("unknown split kind '" + spec.kind() + "'; known: "
                        + List.of(SplitSpec.RANDOM, SplitSpec.EXPLICIT, SplitSpec.PRESET));
        };
    }

    /** A seeded random split of classes 0..numClasses-1 into floor(k/2) classes for A and the rest for B. */
    public static ResolvedSplit random(int numClasses, long seed) {
        if (numClasses < 2) {
            throw new InvalidSplitException("a random split needs at least 2 classes, the dataset has " + numClasses);
        }
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            order.add(c);
        }
        Collections.shuffle(order, new Random(seed));
        List<Integer> a = new ArrayList<>(order.subList(0, numClasses / 2));
        List<Integer> b = new ArrayList<>(order.subList(numClasses / 2, numClasses));
        Collections.sort(a);
        Collections.sort(b);
        return ResolvedSplit.of(a, b);
    }

    /** An explicit split, validated against a dataset of {@code numClasses} classes. */
    public static ResolvedSplit explicit(List<Integer> classesA, List<Integer> classesB, int numClasses) {
        List<Integer> a = checkHalf("A", classesA, numClasses);
        List<Integer> b = checkHalf("B", classesB, numClasses);
        List<Integer> overlap = new ArrayList<>(a);
        overlap.retainAll(b);
        if (!overlap.isEmpty()) {
            throw new InvalidSplitException("halves A and B overlap in classes " + overlap);
        }
        return ResolvedSplit.of(a, b);
    }

    /** Preset names known for a dataset (as in {@link DatasetCatalog}), each with its split. */
    public static Map<String, ResolvedSplit> presets(String datasetName) {
        Map<String, ResolvedSplit> presets = new LinkedHashMap<>();
        String name = datasetName == null ? "" : datasetName.toLowerCase(Locale.ROOT);
        DatasetCatalog.STANDARD
                .splitPresets(name)
                .forEach((preset, split) -> presets.put(preset, ResolvedSplit.of(split.classesA(), split.classesB())));
        return presets;
    }

    private static ResolvedSplit preset(String datasetName, String preset, int numClasses) {
        if (preset == null || preset.isBlank()) {
            throw new InvalidSplitException("a preset split needs a preset name");
        }
        Map<String, ResolvedSplit> known = presets(datasetName);
        ResolvedSplit split = known.get(preset.trim().toLowerCase(Locale.ROOT));
        if (split == null) {
            throw new InvalidSplitException("unknown preset '" + preset + "' for dataset " + datasetName
                    + (known.isEmpty() ? "; it has no presets" : "; known: " + known.keySet()));
        }
        // a preset is written for the official class list; a dataset that lost classes cannot use it
        return explicit(split.classesA(), split.classesB(), numClasses);
    }

    private static List<Integer> checkHalf(String name, List<Integer> classes, int numClasses) {
        if (classes == null || classes.isEmpty()) {
            throw new InvalidSplitException("half " + name + " is empty");
        }
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer c : classes) {
            if (c == null || c < 0 || c >= numClasses) {
                throw new InvalidSplitException("half " + name + " names unknown class " + c
                        + "; the dataset has classes 0.." + (numClasses - 1));
            }
            if (!sorted.add(c)) {
                throw new InvalidSplitException("half " + name + " lists class " + c + " twice");
            }
        }
        return List.copyOf(sorted);
    }

    /**
     * The data of one half: training images minus a validation share, the official test images of the
     * same classes, labels re-indexed 0..k-1 in sorted order of the original classes, everything
     * normalised per channel with the training part's mean and standard deviation.
     *
     * <p>Per class (so the result for one class does not depend on which other classes share its half),
     * the class's training images are shuffled with a {@code java.util.Random} seeded from {@code seed}
     * and the class index; the first {@code imagesPerClass} (all if null) are kept, and
     * {@code round(kept * validationFraction)} of those (at most kept - 1) become validation images.
     * The cap applies to training images only; the test set is uncapped. Within each set, images keep
     * the order of the original files. Pass the same {@code seed} for every network trained on a half
     * so that they all see the same training/validation partition.
     *
     * @param validationFraction share held out for validation, in [0, 1)
     */
    public static HalfData half(
            LabeledDataset ds,
            ResolvedSplit split,
            Half half,
            Integer imagesPerClass,
            double validationFraction,
            long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1), not " + validationFraction);
        }
        if (imagesPerClass != null && imagesPerClass < 1) {
            throw new IllegalArgumentException("imagesPerClass must be at least 1, not " + imagesPerClass);
        }
        List<Integer> classes = split.classes(half);
        int[] newLabel = new int[ds.numClasses()];
        java.util.Arrays.fill(newLabel, -1);
        for (int i = 0; i < classes.size(); i++) {
            int c = classes.get(i);
            if (c < 0 || c >= ds.numClasses()) {
                throw new InvalidSplitException("half " + half + " names unknown class " + c + "; dataset " + ds.name()
                        + " has classes 0.." + (ds.numClasses() - 1));
            }
            newLabel[c] = i;
        }
        List<List<Integer>> trainByClass = indicesByClass(ds.train(), ds.numClasses());
        List<Integer> trainIdx = new ArrayList<>();
        List<Integer> valIdx = new ArrayList<>();
        for (int c : classes) {
            List<Integer> pool = new ArrayList<>(trainByClass.get(c));
            if (pool.isEmpty()) {
                throw new InvalidSplitException(
                        "class " + c + " (" + ds.classNames().get(c) + ") has no training images");
            }
            Collections.shuffle(pool, new Random(seed ^ (CLASS_SEED_MIX * (c + 1))));
            int kept = imagesPerClass == null ? pool.size() : Math.min(imagesPerClass, pool.size());
            int val = (int) Math.min(Math.round(kept * validationFraction), kept - 1L);
            valIdx.addAll(pool.subList(0, val));
            trainIdx.addAll(pool.subList(val, kept));
        }
        List<Integer> testIdx = new ArrayList<>();
        int[] testLabels = ds.test().labels();
        for (int i = 0; i < testLabels.length; i++) {
            if (newLabel[testLabels[i]] >= 0) {
                testIdx.add(i);
            }
        }
        Collections.sort(trainIdx);
        Collections.sort(valIdx);
        ImageSet train = select(ds.train(), trainIdx, newLabel, classes.size());
        ImageSet validation = select(ds.train(), valIdx, newLabel, classes.size());
        ImageSet test = select(ds.test(), testIdx, newLabel, classes.size());
        float[][] stats = channelStats(train);
        normalise(train, stats[0], stats[1]);
        normalise(validation, stats[0], stats[1]);
        normalise(test, stats[0], stats[1]);
        return new HalfData(train, validation, test, classes, stats[0], stats[1]);
    }

    /**
     * A probe set for CKA: {@code count} official test images (all if fewer) spread as evenly as
     * possible over every class of the dataset, chosen per class with a seeded shuffle, in file order,
     * with original labels and unnormalised pixels. Feed it to each network after {@link #normalised}
     * with that network's own training statistics.
     */
    public static ImageSet probeSet(LabeledDataset ds, int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("a probe set needs at least 1 image, not " + count);
        }
        List<List<Integer>> byClass = indicesByClass(ds.test(), ds.numClasses());
        for (int c = 0; c < byClass.size(); c++) {
            Collections.shuffle(byClass.get(c), new Random(seed ^ (CLASS_SEED_MIX * (c + 1))));
        }
        List<Integer> chosen = new ArrayList<>();
        int target = Math.min(count, ds.test().count());
        for (int round = 0; chosen.size() < target; round++) {
            for (int c = 0; c < byClass.size() && chosen.size() < target; c++) {
                if (round < byClass.get(c).size()) {
                    chosen.add(byClass.get(c).get(round));
                }
            }
        }
        Collections.sort(chosen);
        return ds.test().subset(chosen.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A copy of {@code set} normalised per channel: (pixel - mean[c]) / std[c]. */
    public static ImageSet normalised(ImageSet set, float[] mean, float[] std) {
        if (mean.length != set.channels() || std.length != set.channels()) {
            throw new IllegalArgumentException("need " + set.channels() + " channel statistics, got " + mean.length
                    + " means and " + std.length + " standard deviations");
        }
        ImageSet copy = new ImageSet(
                set.count(),
                set.channels(),
                set.height(),
                set.width(),
                set.pixels().clone(),
                set.labels().clone(),
                set.numClasses());
        normalise(copy, mean, std);
        return copy;
    }

    /**
     * {@code data} normalised with other statistics: every set is mapped back to raw pixels with the data's own
     * mean and std, then normalised with {@code mean} and {@code std} (for example those of the half whose
     * layers a network copies, so that the copied layers see inputs scaled as in their own training).
     */
    public static HalfData renormalised(HalfData data, float[] mean, float[] std) {
        int channels = data.train().channels();
        if (mean == null || std == null || mean.length != channels || std.length != channels) {
            throw new InvalidInputException("need " + channels + " channel statistics to renormalise, got "
                    + (mean == null ? "none" : mean.length + " means") + " and "
                    + (std == null ? "none" : std.length + " standard deviations"));
        }
        float[] rawMean = new float[channels];
        float[] rawStd = new float[channels];
        for (int c = 0; c < channels; c++) {
            rawMean[c] = -data.mean()[c] / data.std()[c];
            rawStd[c] = 1f / data.std()[c];
        }
        return new HalfData(
                renormalised(data.train(), rawMean, rawStd, mean, std),
                renormalised(data.validation(), rawMean, rawStd, mean, std),
                renormalised(data.test(), rawMean, rawStd, mean, std),
                data.originalClasses(),
                mean.clone(),
                std.clone());
    }

    private static ImageSet renormalised(ImageSet set, float[] rawMean, float[] rawStd, float[] mean, float[] std) {
        ImageSet raw = normalised(set, rawMean, rawStd);
        normalise(raw, mean, std);
        return raw;
    }

    private static List<List<Integer>> indicesByClass(ImageSet set, int numClasses) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            byClass.add(new ArrayList<>());
        }
        int[] labels = set.labels();
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        return byClass;
    }

    private static ImageSet select(ImageSet source, List<Integer> indices, int[] newLabel, int numClasses) {
        int size = source.imageSize();
        float[] pixels = new float[indices.size() * size];
        int[] labels = new int[indices.size()];
        for (int i = 0; i < indices.size(); i++) {
            int from = indices.get(i);
            System.arraycopy(source.pixels(), from * size, pixels, i * size, size);
            labels[i] = newLabel[source.labels()[from]];
        }
        return new ImageSet(
                indices.size(), source.channels(), source.height(), source.width(), pixels, labels, numClasses);
    }

    /** Per-channel mean and population standard deviation (1 where a channel is constant). */
    static float[][] channelStats(ImageSet set) {
        int channels = set.channels();
        int plane = set.height() * set.width();
        double[] sum = new double[channels];
        double[] sumSq = new double[channels];
        float[] p = set.pixels();
        for (int n = 0; n < set.count(); n++) {
            for (int c = 0; c < channels; c++) {
                int base = (n * channels + c) * plane;
                double s = 0;
                double s2 = 0;
                for (int i = 0; i < plane; i++) {
                    double v = p[base + i];
                    s += v;
                    s2 += v * v;
                }
                sum[c] += s;
                sumSq[c] += s2;
            }
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        double total = (double) set.count() * plane;
        for (int c = 0; c < channels; c++) {
            double m = total == 0 ? 0 : sum[c] / total;
            double var = total == 0 ? 0 : Math.max(0, sumSq[c] / total - m * m);
            mean[c] = (float) m;
            std[c] = var > 1e-12 ? (float) Math.sqrt(var) : 1f;
        }
        return new float[][] {mean, std};
    }

    private static void normalise(ImageSet set, float[] mean, float[] std) {
        int channels = set.channels();
        int plane = set.height() * set.width();
        float[] p = set.pixels();
        for (int n = 0; n < set.count(); n++) {
            for (int c = 0; c < channels; c++) {
                int base = (n * channels + c) * plane;
                float m = mean[c];
                float inv = 1f / std[c];
                for (int i = 0; i < plane; i++) {
                    p[base + i] = (p[base + i] - m) * inv;
                }
            }
        }
    }
}

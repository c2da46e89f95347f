package io.transferlab.coordinator.request;

import io.transferlab.contracts.catalog.DatasetCatalog;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.model.ArchitectureSpec;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.DatasetSpec;
import io.transferlab.contracts.model.Problem;
import io.transferlab.contracts.model.SplitSpec;
import io.transferlab.contracts.model.TrainingSettings;
import io.transferlab.coordinator.planning.ExperimentPlanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Semantic checks of a request whose structure is already sound. Every problem is reported, each
 * with the JSON path of its field, so a user fixes a request in one round trip.
 * <p>Long because it is the one list of the rules a request must keep (one short method per part of the request);
 * a change of the request format is checked against all of them in one place.
 */
public final class RequestValidator {
    /** Experiment ids become part of job ids and object keys: no dots, slashes or spaces. */
    public static final Pattern EXPERIMENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

    public static final int MAX_EPOCHS = 500;
    public static final int MAX_BATCH_SIZE = 4096;
    public static final int MAX_SEEDS = 20;
    public static final int MAX_PRIORITY = 1000;
    public static final int MAX_TAGS = 50;
    public static final int MAX_FOLDER_CLASSES = 1000;

    private static final DatasetCatalog CATALOG = DatasetCatalog.STANDARD;

    private final int maxJobsPerExperiment;
    private final DatasetLocations locations;

    /** A validator with the local stack's dataset locations ({@link DatasetLocations#defaults()}). */
    public RequestValidator(int maxJobsPerExperiment) {
        this(maxJobsPerExperiment, DatasetLocations.defaults());
    }

    public RequestValidator(int maxJobsPerExperiment, DatasetLocations locations) {
        this.maxJobsPerExperiment = maxJobsPerExperiment;
        this.locations = locations;
    }

    public List<Problem> validate(ExperimentRequested request) {
        Problems problems = new Problems();
        if (request.experimentId() != null
                && !EXPERIMENT_ID.matcher(request.experimentId()).matches()) {
            problems.add(
                    "experimentId",
                    "must match " + EXPERIMENT_ID.pattern()
                            + " (letters, digits, '-' and '_', at most 100 characters)");
        }
        if (request.schemaVersion() != TransferLabEvent.SCHEMA_VERSION) {
            problems.add(
                    "schemaVersion",
                    "unsupported schema version " + request.schemaVersion() + "; this coordinator reads version "
                            + TransferLabEvent.SCHEMA_VERSION);
        }
        Optional<Integer> classes = checkDataset(request.dataset(), problems);
        checkArchitecture(request.dataset(), request.architecture(), problems);
        checkSplit(request.dataset().name(), request.split(), classes, problems);
        if (ExperimentRequested.REPLICATE_OVER_SPLITS.equals(request.replicateOver())
                && !SplitSpec.RANDOM.equals(request.split().kind())) {
            problems.add(
                    "replicateOver",
                    "replicates over splits need a random split; an "
                            + request.split().kind() + " split has one class partition, so use 'seeds'");
        }
        boolean shapeOk = checkArms(request.arms(), problems)
                & checkLayerCuts(request.arms(), request.layerCuts(), problems)
                & checkSeeds(request.seeds(), problems);
        checkTraining(request.training(), problems);
        if (Math.abs((long) request.priority()) > MAX_PRIORITY) {
            problems.add("priority", "must be within -" + MAX_PRIORITY + ".." + MAX_PRIORITY);
        }
        checkTags(request.tags(), problems);
        if (shapeOk) {
            int jobs = ExperimentPlanner.jobCount(request);
            if (jobs > maxJobsPerExperiment) {
                problems.add(
                        "$",
                        "the request plans " + jobs + " jobs, more than the limit of " + maxJobsPerExperiment
                                + " (fewer seeds, layer cuts, arms or one direction)");
            }
        }
        return problems.list();
    }

    private Optional<Integer> checkDataset(DatasetSpec dataset, Problems problems) {
        String name = dataset.name();
        if (!CATALOG.known(name)) {
            problems.add(
                    "dataset.name", "unknown dataset '" + name + "'; known: " + String.join(", ", CATALOG.names()));
            return Optional.empty();
        }
        if (dataset.location() != null && dataset.location().isBlank()) {
            problems.add("dataset.location", "must not be blank when given");
        } else if (dataset.location() != null) {
            locations.problem(dataset.location()).ifPresent(p -> problems.add("dataset.location", p));
        }
        if (DatasetCatalog.FOLDER.equals(name)) {
            if (dataset.location() == null) {
                problems.add("dataset.location", "is required for folder datasets");
            }
            Integer n = dataset.numClasses();
            if (n == null) {
                problems.add("dataset.numClasses", "is required for folder datasets");
                return Optional.empty();
            }
            if (n < 2 || n > MAX_FOLDER_CLASSES) {
                problems.add("dataset.numClasses", "must be within 2.." + MAX_FOLDER_CLASSES + ", got " + n);
                return Optional.empty();
            }
            return Optional.of(n);
        }
        int builtIn = CATALOG.builtIn(name).orElseThrow().classCount();
        if (dataset.numClasses() != null && dataset.numClasses() != builtIn) {
            problems.add("dataset.numClasses", name + " has " + builtIn + " classes, not " + dataset.numClasses());
        }
        return Optional.of(builtIn);
    }

    private static void checkArchitecture(DatasetSpec dataset, ArchitectureSpec architecture, Problems problems) {
        String preset = architecture.preset();
        if (preset != null && CATALOG.architecture(preset).isEmpty()) {
            problems.add(
                    "architecture.preset",
                    "unknown preset '" + preset + "'; known: " + String.join(", ", CATALOG.architectures()));
        } else if (preset != null) {
            Optional<String> fitting = CATALOG.defaultArchitecture(dataset.name());
            if (fitting.isPresent() && !fitting.get().equals(preset)) {
                problems.add(
                        "architecture.preset",
                        "'" + preset + "' does not fit " + dataset.name() + " images; use " + fitting.get());
            }
        } else if (DatasetCatalog.FOLDER.equals(dataset.name())) {
            problems.add(
                    "architecture.preset",
                    "is required for folder datasets (" + String.join(" or ", CATALOG.architectures()) + ")");
        }
        if (!(architecture.width() > 0.0 && architecture.width() <= 4.0)) {
            problems.add("architecture.width", "must be within (0, 4], got " + architecture.width());
        }
        if (!(architecture.dropout() >= 0.0 && architecture.dropout() < 1.0)) {
            problems.add("architecture.dropout", "must be within [0, 1), got " + architecture.dropout());
        }
    }

    private static void checkSplit(String dataset, SplitSpec split, Optional<Integer> classes, Problems problems) {
        switch (split.kind()) {
            case SplitSpec.RANDOM -> {
                if (split.seed() < 0) {
                    problems.add("split.seed", "must not be negative");
                }
                noExtras(split, true, true, problems);
                if (classes.isPresent() && classes.get() < 2) {
                    problems.add("split", "a random split needs at least 2 classes");
                }
            }
            case SplitSpec.EXPLICIT -> {
                if (split.seed() != null) {
                    problems.add("split.seed", "only random splits take a seed");
                }
                noExtras(split, false, true, problems);
                Set<Integer> a = classList("split.classesA", split.classesA(), classes, problems);
                Set<Integer> b = classList("split.classesB", split.classesB(), classes, problems);
                Set<Integer> both = new HashSet<>(a);
                both.retainAll(b);
                if (!both.isEmpty()) {
                    problems.add(
                            "split",
                            "classesA and classesB must be disjoint; both contain "
                                    + both.stream().sorted().toList());
                }
            }
            case SplitSpec.PRESET -> {
                if (split.seed() != null) {
                    problems.add("split.seed", "only random splits take a seed");
                }
                noExtras(split, true, false, problems);
                if (split.preset() == null || split.preset().isBlank()) {
                    problems.add("split.preset", "is required for a preset split");
                } else if (!CATALOG.splitPresets(dataset).containsKey(split.preset())) {
                    Set<String> known = CATALOG.splitPresets(dataset).keySet();
                    problems.add(
                            "split.preset",
                            "unknown split preset '" + split.preset() + "' for " + dataset
                                    + (known.isEmpty() ? " (it has none)" : "; known: " + String.join(", ", known)));
                }
            }
            default ->
                problems.add(
                        "split.kind", "unknown split kind '" + split.kind() + "'; known: random, explicit, preset");
        }
    }

    private static void noExtras(SplitSpec split, boolean forbidClasses, boolean forbidPreset, Problems problems) {
        if (forbidClasses && split.classesA() != null) {
            problems.add("split.classesA", "only explicit splits list classes");
        }
        if (forbidClasses && split.classesB() != null) {
            problems.add("split.classesB", "only explicit splits list classes");
        }
        if (forbidPreset && split.preset() != null) {
            problems.add("split.preset", "only preset splits name a preset");
        }
    }

    private static Set<Integer> classList(
            String field, List<Integer> list, Optional<Integer> classes, Problems problems) {
        Set<Integer> seen = new HashSet<>();
        if (list == null || list.isEmpty()) {
            problems.add(field, "an explicit split lists at least one class in each half");
            return seen;
        }
        for (int i = 0; i < list.size(); i++) {
            Integer c = list.get(i);
            if (c == null) {
                problems.add(field + "[" + i + "]", "must be a class index");
                continue;
            }
            if (c < 0 || (classes.isPresent() && c >= classes.get())) {
                problems.add(
                        field + "[" + i + "]",
                        "class " + c + " is outside 0.."
                                + classes.map(n -> String.valueOf(n - 1)).orElse("?"));
            }
            if (!seen.add(c)) {
                problems.add(field + "[" + i + "]", "class " + c + " is listed twice");
            }
        }
        return seen;
    }

    private static boolean checkArms(List<Arm> arms, Problems problems) {
        if (arms.isEmpty()) {
            problems.add("arms", "at least one arm is required");
            return false;
        }
        boolean ok = true;
        Set<Arm> seen = new HashSet<>();
        for (int i = 0; i < arms.size(); i++) {
            if (arms.get(i) == null) {
                problems.add("arms[" + i + "]", "must be an arm name");
                ok = false;
            } else if (!seen.add(arms.get(i))) {
                problems.add("arms[" + i + "]", "arm '" + arms.get(i).wireName() + "' is listed twice");
                ok = false;
            }
        }
        return ok;
    }

    private static boolean checkLayerCuts(List<Arm> arms, List<Integer> cuts, Problems problems) {
        boolean needsCuts = arms.stream().anyMatch(a -> a != null && a != Arm.BASE);
        if (cuts.isEmpty()) {
            if (needsCuts) {
                problems.add("layerCuts", "at least one layer cut is required for arms other than base");
                return false;
            }
            return true;
        }
        boolean ok = true;
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < cuts.size(); i++) {
            Integer n = cuts.get(i);
            if (n == null || n < 1 || n > DatasetCatalog.LAYERS - 1) {
                problems.add(
                        "layerCuts[" + i + "]",
                        "layer cut " + n + " is outside 1.." + (DatasetCatalog.LAYERS - 1) + " for an "
                                + DatasetCatalog.LAYERS + "-layer architecture");
                ok = false;
            } else if (!seen.add(n)) {
                problems.add("layerCuts[" + i + "]", "layer cut " + n + " is listed twice");
                ok = false;
            }
        }
        return ok;
    }

    private static boolean checkSeeds(List<Long> seeds, Problems problems) {
        if (seeds.isEmpty() || seeds.size() > MAX_SEEDS) {
            problems.add("seeds", "between 1 and " + MAX_SEEDS + " seeds, got " + seeds.size());
            return false;
        }
        boolean ok = true;
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < seeds.size(); i++) {
            Long s = seeds.get(i);
            if (s == null || s < 0) {
                problems.add("seeds[" + i + "]", "a seed is a non-negative integer, got " + s);
                ok = false;
            } else if (!seen.add(s)) {
                problems.add("seeds[" + i + "]", "seed " + s + " is listed twice");
                ok = false;
            }
        }
        return ok;
    }

    private static void checkTraining(TrainingSettings t, Problems problems) {
        range(problems, "training.epochs", t.epochs(), 1, MAX_EPOCHS);
        range(problems, "training.batchSize", t.batchSize(), 1, MAX_BATCH_SIZE);
        if (!(t.learningRate() > 0.0 && t.learningRate() <= 10.0)) {
            problems.add("training.learningRate", "must be within (0, 10], got " + t.learningRate());
        }
        if (t.lrStepEpochs() < 0) {
            problems.add("training.lrStepEpochs", "must not be negative (0 = constant rate)");
        }
        if (!(t.lrGamma() > 0.0 && t.lrGamma() <= 1.0)) {
            problems.add("training.lrGamma", "must be within (0, 1], got " + t.lrGamma());
        }
        if (!(t.momentum() >= 0.0 && t.momentum() < 1.0)) {
            problems.add("training.momentum", "must be within [0, 1), got " + t.momentum());
        }
        if (!(t.weightDecay() >= 0.0 && t.weightDecay() < 1.0)) {
            problems.add("training.weightDecay", "must be within [0, 1), got " + t.weightDecay());
        }
        if (t.imagesPerClass() != null && t.imagesPerClass() < 1) {
            problems.add("training.imagesPerClass", "must be at least 1 when given");
        }
        if (!(t.validationFraction() > 0.0 && t.validationFraction() <= 0.5)) {
            problems.add("training.validationFraction", "must be within (0, 0.5], got " + t.validationFraction());
        }
        range(problems, "training.validationsPerEpoch", t.validationsPerEpoch(), 1, 100);
    }

    private static void range(Problems problems, String field, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(field, "must be within " + min + ".." + max + ", got " + value);
        }
    }

    private static void checkTags(Map<String, String> tags, Problems problems) {
        if (tags.size() > MAX_TAGS) {
            problems.add("tags", "at most " + MAX_TAGS + " tags");
        }
        tags.forEach((k, v) -> {
            if (k.isBlank() || k.length() > 64) {
                problems.add("tags", "tag names are 1..64 characters, got '" + k + "'");
            }
            if (v != null && v.length() > 256) {
                problems.add("tags." + k, "tag values are at most 256 characters");
            }
        });
    }

    /** Collects problems in the order found. */
    static final class Problems {
        private final List<Problem> list = new ArrayList<>();

        void add(String field, String problem) {
            list.add(new Problem(field, problem));
        }

        List<Problem> list() {
            return List.copyOf(list);
        }
    }
}

package io.transferlab.trainer.engine;

import io.transferlab.contracts.catalog.ArchitectureEntry;
import io.transferlab.contracts.catalog.DatasetCatalog;
import io.transferlab.contracts.catalog.ImageShape;
import io.transferlab.contracts.model.ArchitectureSpec;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.CheckpointRef;
import io.transferlab.contracts.model.CkaResult;
import io.transferlab.contracts.model.FilterBank;
import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.JobKind;
import io.transferlab.contracts.model.JobSpec;
import io.transferlab.contracts.model.SplitSpec;
import io.transferlab.contracts.model.TrainingSettings;
import io.transferlab.trainer.engine.backend.NativeBackend;
import io.transferlab.trainer.engine.cache.WeighedCache;
import io.transferlab.trainer.engine.checkpoint.Checkpoint;
import io.transferlab.trainer.engine.checkpoint.CheckpointFiles;
import io.transferlab.trainer.engine.checkpoint.CheckpointMetadata.RunIdentity;
import io.transferlab.trainer.engine.checkpoint.ReadCheckpoints;
import io.transferlab.trainer.engine.cka.CkaMatrix;
import io.transferlab.trainer.engine.cka.ConvReduction;
import io.transferlab.trainer.engine.data.DecodedDatasets;
import io.transferlab.trainer.engine.data.HalfData;
import io.transferlab.trainer.engine.data.ImageSet;
import io.transferlab.trainer.engine.data.LabeledDataset;
import io.transferlab.trainer.engine.data.ResolvedSplit;
import io.transferlab.trainer.engine.data.Splits;
import io.transferlab.trainer.engine.network.ArmNetworks;
import io.transferlab.trainer.engine.network.NetworkSpec;
import io.transferlab.trainer.engine.network.PaperLayers;
import io.transferlab.trainer.engine.training.Accuracy;
import io.transferlab.trainer.engine.training.Seeds;
import io.transferlab.trainer.engine.training.Trainer;
import io.transferlab.trainer.engine.training.TrainingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The engine's entry point: runs one TRAIN job (any arm, optionally resuming from an epoch checkpoint) or
 * one CKA job, on local files. Not thread-safe per instance in the sense that DL4J's RNG is per thread: run
 * each job on one thread.
 */
public final class JobRunner {
    /** Probe images for CKA jobs: a class-balanced, seeded subset of the official test images. */
    public static final int CKA_PROBE_IMAGES = 500;
    /** Decoded datasets this runner keeps for its next jobs (one: a trainer usually serves one dataset at a time). */
    private static final int CACHED_DATASETS = 1;

    /** Bytes of base checkpoints (parameters and updater state) this runner keeps read for the jobs that copy them. */
    private static final long CACHED_SOURCE_BYTES = 256L * 1024 * 1024;

    /** Bytes of prepared halves (images of a job's target half, normalised) kept for the next jobs. */
    private static final long CACHED_HALF_BYTES = 128L * 1024 * 1024;

    /** Images per class the warm-up network trains on (half A of a random split), and validates on. */
    private static final int WARM_UP_IMAGES_PER_CLASS = 64;

    private final DecodedDatasets datasets = new DecodedDatasets(CACHED_DATASETS);
    private final ReadCheckpoints sources = new ReadCheckpoints(CACHED_SOURCE_BYTES);
    private final WeighedCache<HalfKey, HalfData> halves = new WeighedCache<>(CACHED_HALF_BYTES, JobRunner::bytes);

    public JobRunner() {
        NativeBackend.ensureConfigured();
    }

    /** For example "cpu (nd4j-native onednn, 2 threads)" or "cuda (device name)". */
    public static String backendDescription() {
        return NativeBackend.describe();
    }

    /**
     * Readies this runner for jobs on the built-in dataset {@code name} whose files are under {@code root}, before
     * any job is timed: decodes the dataset and keeps it, exactly as the first job of a request naming the dataset
     * (with the dataset's default architecture) would, then trains a throwaway base network of that architecture for
     * one epoch (default batch size) on {@value #WARM_UP_IMAGES_PER_CLASS} images per class of one half and evaluates it, so that the
     * JIT compiler and the native kernels are ready. Nothing is written and nothing of the network is kept.
     *
     * @return how long it took; empty, doing nothing, when the dataset is not built in or has no folder at {@code root}
     */
    public Optional<Duration> warmUp(String name, Path root) {
        NativeBackend.ensureConfigured();
        Optional<String> preset = DatasetCatalog.STANDARD.defaultArchitecture(name);
        if (preset.isEmpty() || root == null || !Files.isDirectory(root)) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        LabeledDataset dataset = loadDataset(name, root, null, preset.get());
        ResolvedSplit split = Splits.resolve(SplitSpec.random(0), dataset);
        HalfData half = Splits.half(dataset, split, Half.A, WARM_UP_IMAGES_PER_CLASS * 2, 0.5, 0);
        HalfData small = new HalfData(
                half.train(), half.validation(), half.validation(), half.originalClasses(), half.mean(), half.std());
        TrainingSettings hp = new TrainingSettings(1, null, null, null, null, null, null, null, null, null);
        ImageSet train = small.train();
        NetworkSpec netSpec = NetworkSpec.of(
                new ArchitectureSpec(preset.get(), null, null),
                train.channels(),
                train.height(),
                train.width(),
                small.numClasses());
        Trainer trainer = new Trainer(ArmNetworks.build(Arm.BASE, 0, netSpec, hp, 0L, null, null), hp, 0L);
        TrainingState state = trainer.train(small, TrainingState.fresh(), TrainingListener.NONE, () -> false, s -> {});
        Trainer.requireFinite(trainer.timedEvaluation(small.test()), "warm-up", state.epochsCompleted());
        return Optional.of(Duration.ofNanos(System.nanoTime() - started));
    }

    /** Runs a TRAIN or CKA job. Checks {@code cancelled} after every mini-batch and then throws JobCancelledException. */
    public JobOutcome run(EngineJob job, TrainingListener listener, BooleanSupplier cancelled) {
        NativeBackend.ensureConfigured();
        TrainingListener l = listener == null ? TrainingListener.NONE : listener;
        BooleanSupplier c = cancelled == null ? () -> false : cancelled;
        return job.spec().kind() == JobKind.CKA ? runCka(job, l) : runTraining(job, l, c);
    }

    private JobOutcome runTraining(EngineJob job, TrainingListener listener, BooleanSupplier cancelled) {
        long started = System.nanoTime();
        JobSpec spec = job.spec();
        TrainingSettings hp = spec.training();
        validate(hp);
        LabeledDataset dataset = loadDataset(job);
        ResolvedSplit split = Splits.resolve(spec.split(), dataset);
        Arm arm = spec.arm();
        boolean sourceStats = TrainingSettings.NORMALISE_SOURCE.equals(hp.copiedLayerNormalisation());
        // a resumed job needs its source only for the source's pixel statistics
        Checkpoint base = arm.copiesWeights() && (job.resumeFrom() == null || sourceStats)
                ? sourceCheckpoint(job, dataset, split)
                : null;
        HalfData data = base != null && sourceStats
                ? half(
                        dataset,
                        split,
                        spec,
                        base.metadata().run().mean(),
                        base.metadata().run().std())
                : half(dataset, split, spec, null, null);
        ImageSet train = data.train();
        NetworkSpec netSpec =
                NetworkSpec.of(spec.architecture(), train.channels(), train.height(), train.width(), data.numClasses());
        int frozen = ArmNetworks.frozenLayers(arm, spec.n());

        MultiLayerNetwork net;
        TrainingState state;
        Integer resumedFrom = null;
        RunIdentity run;
        if (job.resumeFrom() != null) {
            Checkpoint ck = CheckpointFiles.read(job.resumeFrom());
            run = identity(job, arm, frozen, ck.metadata().run().sourceDigest(), dataset, split, data, netSpec);
            ck.requireSameRun(run, job.resumeFrom().toString());
            net = ck.restoreNetwork();
            state = ck.metadata().state();
            resumedFrom = state.epochsCompleted();
        } else {
            MultiLayerNetwork source = null;
            NetworkSpec sourceSpec = null;
            String sourceDigest = null;
            if (base != null) {
                source = base.restoreNetwork();
                sourceSpec = base.metadata().run().architecture();
                sourceDigest = base.fileSha256();
            }
            run = identity(job, arm, frozen, sourceDigest, dataset, split, data, netSpec);
            net = ArmNetworks.build(arm, spec.n(), netSpec, hp, initSeed(spec), source, sourceSpec);
            state = TrainingState.fresh();
        }
        String backend = backendDescription();
        listener.onStart(resumedFrom, backend);
        Path workDir = workDir(job);
        RunIdentity identity = run;
        Trainer trainer = new Trainer(net, hp, spec.seed());
        CheckpointClock clock = new CheckpointClock(job.checkpointInterval(), System.nanoTime());
        TrainingState finalState = trainer.train(data, state, listener, cancelled, s -> {
            if (!clock.due(System.nanoTime())) {
                return;
            }
            Path file = workDir.resolve(CheckpointFiles.epochFileName(s.epochsCompleted()));
            CheckpointFiles.write(file, net, identity, s, false, backend);
            listener.onCheckpoint(s.epochsCompleted(), file, false);
        });
        Accuracy test =
                Trainer.requireFinite(trainer.timedEvaluation(data.test()), "test", finalState.epochsCompleted());
        listener.onComputed();
        Path finalFile = workDir.resolve(CheckpointFiles.FINAL_FILE_NAME);
        CheckpointFiles.write(finalFile, net, run, finalState, true, backend);
        listener.onCheckpoint(finalState.epochsCompleted(), finalFile, true);
        double finalVal = finalState.epochHistory().isEmpty()
                ? Double.NaN
                : finalState
                        .epochHistory()
                        .get(finalState.epochHistory().size() - 1)
                        .valTop1();
        return new JobOutcome(
                test.top1(),
                test.top5(),
                summary(hp, test, finalState),
                finalVal,
                finalState.epochsCompleted(),
                finalFile,
                arm == Arm.BASE ? firstLayerFilters(net) : null,
                null,
                (System.nanoTime() - started) / 1_000_000,
                hp.summaryMetric(),
                trainer.stepMillis(),
                trainer.evalMillis(),
                finalState.lastHalfGain());
    }

    private JobOutcome runCka(EngineJob job, TrainingListener listener) {
        long started = System.nanoTime();
        JobSpec spec = job.spec();
        if (spec.inputs().size() != 2) {
            throw new InvalidInputException("a CKA job needs two input checkpoints (base A, then base B), got "
                    + spec.inputs().size());
        }
        LabeledDataset dataset = loadDataset(job);
        ResolvedSplit split = Splits.resolve(spec.split(), dataset);
        List<Checkpoint> bases = new ArrayList<>();
        for (CheckpointRef ref : spec.inputs()) {
            Checkpoint ck = readInput(job, ref);
            requireSameData(ck, ref, dataset, split);
            bases.add(ck);
        }
        listener.onStart(null, backendDescription());
        ImageSet probeSet = Splits.probeSet(dataset, CKA_PROBE_IMAGES, spec.seed());
        List<MultiLayerNetwork> nets = new ArrayList<>();
        for (Checkpoint ck : bases) {
            nets.add(ck.restoreNetwork());
        }
        long computeStart = System.nanoTime();
        List<List<INDArray>> activations = new ArrayList<>();
        for (int i = 0; i < bases.size(); i++) {
            activations.add(layerActivations(
                    nets.get(i), normalised(probeSet, bases.get(i).metadata().run())));
        }
        ConvReduction reduction = ConvReduction.FLATTEN;
        CkaResult cka = CkaMatrix.compute(activations.get(0), activations.get(1), reduction)
                .toResult();
        long evalMillis = (System.nanoTime() - computeStart) / 1_000_000;
        return new JobOutcome(
                0,
                null,
                0,
                0,
                0,
                null,
                null,
                cka,
                (System.nanoTime() - started) / 1_000_000,
                null,
                0,
                evalMillis,
                null);
    }

    /**
     * The job's target half (its training, validation and test images), normalised with its own statistics or,
     * given {@code mean} and {@code std}, with those; prepared once for the jobs that share it (every job of one
     * seed and direction trains on the same half with the same sampling).
     */
    private HalfData half(LabeledDataset dataset, ResolvedSplit split, JobSpec spec, float[] mean, float[] std) {
        TrainingSettings hp = spec.training();
        HalfKey key = new HalfKey(
                dataset.digest(),
                split.digest(),
                spec.targetHalf(),
                hp.imagesPerClass(),
                hp.validationFraction(),
                spec.seed(),
                mean == null ? null : Arrays.toString(mean),
                std == null ? null : Arrays.toString(std));
        Optional<HalfData> kept = halves.get(key);
        if (kept.isPresent()) {
            return kept.get();
        }
        HalfData own = mean == null
                ? Splits.half(
                        dataset, split, spec.targetHalf(), hp.imagesPerClass(), hp.validationFraction(), spec.seed())
                : Splits.renormalised(half(dataset, split, spec, null, null), mean, std);
        halves.put(key, own);
        return own;
    }

    private record HalfKey(
            String dataset,
            String split,
            Half half,
            Integer imagesPerClass,
            double validationFraction,
            long seed,
            String mean,
            String std) {}

    private static long bytes(HalfData data) {
        long bytes = 0;
        for (ImageSet set : List.of(data.train(), data.validation(), data.test())) {
            bytes += 4L * set.pixels().length + 4L * set.labels().length;
        }
        return bytes;
    }

    /** The summary accuracy under the request's rule (docs/SCORING.md). */
    static double summary(TrainingSettings hp, Accuracy test, TrainingState state) {
        return switch (hp.summaryMetric()) {
            case TrainingSettings.TEST_TOP1 -> test.top1();
            case TrainingSettings.BEST10_LAST_HALF -> state.best10OfLastHalf();
            default ->
                throw new InvalidInputException("unknown summary metric '" + hp.summaryMetric() + "'; known: "
                        + TrainingSettings.SUMMARY_METRICS);
        };
    }

    /** The 8 layer activations (after each layer's pooling; inference mode) for the probe images. */
    public static List<INDArray> layerActivations(MultiLayerNetwork net, ImageSet probe) {
        INDArray x = Trainer.batchOf(probe, null, 0, probe.count(), false).getFeatures();
        List<INDArray> all = net.feedForward(x, false);
        List<INDArray> out = new ArrayList<>();
        for (int l = 1; l <= PaperLayers.COUNT; l++) {
            out.add(all.get(PaperLayers.outputIndex(l) + 1).dup());
        }
        return out;
    }

    /** Normalises raw [0,1] pixels with a network's own training statistics. */
    static ImageSet normalised(ImageSet raw, RunIdentity run) {
        float[] mean = run.mean();
        float[] std = run.std();
        if (mean == null || std == null || mean.length != raw.channels() || std.length != raw.channels()) {
            throw new InvalidInputException("checkpoint of job " + run.jobId() + " lacks normalisation statistics for "
                    + raw.channels() + " channels");
        }
        return Splits.normalised(raw, mean, std);
    }

    private static void validate(TrainingSettings hp) {
        if (hp.epochs() < 1
                || hp.batchSize() < 1
                || !(hp.learningRate() > 0)
                || hp.lrStepEpochs() < 0
                || !(hp.lrGamma() > 0)
                || !(hp.momentum() >= 0 && hp.momentum() < 1)
                || !(hp.weightDecay() >= 0)
                || !(hp.validationFraction() > 0 && hp.validationFraction() < 1)
                || hp.validationsPerEpoch() < 1
                || (hp.imagesPerClass() != null && hp.imagesPerClass() < 2)
                || !TrainingSettings.SUMMARY_METRICS.contains(hp.summaryMetric())
                || !TrainingSettings.INITIALISATIONS.contains(hp.initialisation())
                || !TrainingSettings.NORMALISATIONS.contains(hp.copiedLayerNormalisation())) {
            throw new InvalidInputException("invalid training settings: " + hp);
        }
    }

    private LabeledDataset loadDataset(EngineJob job) {
        JobSpec spec = job.spec();
        return loadDataset(
                spec.dataset().name(),
                job.datasetRoot(),
                spec.dataset().numClasses(),
                spec.architecture().preset());
    }

    /** The dataset, decoded once per set of files; a folder dataset's images take the input shape of {@code preset}. */
    private LabeledDataset loadDataset(String name, Path root, Integer numClasses, String preset) {
        ImageShape folderShape = DatasetCatalog.STANDARD
                .architecture(preset)
                .map(ArchitectureEntry::input)
                .orElse(ImageShape.COLOR_32);
        return datasets.load(name, root, numClasses, folderShape);
    }

    /** How many times this runner read and decoded a dataset's files (not served from memory). */
    public long datasetDecodes() {
        return datasets.decodes();
    }

    /** Init seed: the job's seed, separated by arm, n and target so that no two networks share an init. */
    static long initSeed(JobSpec spec) {
        return Seeds.derive(spec.seed(), "init:" + spec.arm().wireName() + ":" + spec.targetHalf(), spec.n());
    }

    private static RunIdentity identity(
            EngineJob job,
            Arm arm,
            int frozen,
            String sourceDigest,
            LabeledDataset dataset,
            ResolvedSplit split,
            HalfData data,
            NetworkSpec netSpec) {
        JobSpec spec = job.spec();
        return new RunIdentity(
                job.experimentId(),
                job.jobId(),
                arm.wireName(),
                spec.n(),
                frozen,
                spec.sourceHalf() == null ? null : spec.sourceHalf().name(),
                spec.targetHalf().name(),
                spec.seed(),
                sourceDigest,
                dataset.name(),
                dataset.digest(),
                split.digest(),
                data.originalClasses(),
                netSpec,
                spec.training(),
                data.mean(),
                data.std());
    }

    private Checkpoint sourceCheckpoint(EngineJob job, LabeledDataset dataset, ResolvedSplit split) {
        JobSpec spec = job.spec();
        if (spec.inputs().isEmpty()) {
            throw new InvalidInputException("arm " + spec.arm().wireName() + " needs the base checkpoint of half "
                    + spec.sourceHalf() + " as input");
        }
        CheckpointRef ref = spec.inputs().get(0);
        Checkpoint ck = readInput(job, ref);
        requireSameData(ck, ref, dataset, split);
        RunIdentity src = ck.metadata().run();
        if (!Arm.BASE.wireName().equals(src.arm())
                || !ck.metadata().complete()
                || !spec.sourceHalf().name().equals(src.targetHalf())) {
            throw new InvalidInputException(
                    "input checkpoint " + ref.jobId() + " is not a finished base network of half "
                            + spec.sourceHalf() + " (arm " + src.arm() + ", half " + src.targetHalf() + ", complete "
                            + ck.metadata().complete() + ")");
        }
        return ck;
    }

    /** An input checkpoint, from memory when a job before read the file with the same digest. */
    private Checkpoint readInput(EngineJob job, CheckpointRef ref) {
        Path file = job.inputCheckpoints().get(ref.jobId());
        if (file == null || !Files.isRegularFile(file)) {
            throw new InvalidInputException(
                    "input checkpoint of job " + ref.jobId() + " is not available locally (" + file + ")");
        }
        Checkpoint ck = ref.sha256() != null && !ref.sha256().isBlank()
                ? sources.read(file, ref.sha256())
                : CheckpointFiles.read(file);
        if (ref.sha256() != null && !ref.sha256().isBlank() && !ref.sha256().equalsIgnoreCase(ck.fileSha256())) {
            throw new InvalidInputException("input checkpoint " + file + " of job " + ref.jobId() + " has SHA-256 "
                    + ck.fileSha256() + ", expected " + ref.sha256());
        }
        return ck;
    }

    private static void requireSameData(Checkpoint ck, CheckpointRef ref, LabeledDataset dataset, ResolvedSplit split) {
        RunIdentity src = ck.metadata().run();
        if (!dataset.digest().equals(src.datasetDigest()) || !split.digest().equals(src.splitDigest())) {
            throw new InvalidInputException("input checkpoint of job " + ref.jobId()
                    + " was trained on other data (dataset or split digest differs)");
        }
    }

    private static Path workDir(EngineJob job) {
        if (job.workDir() == null) {
            throw new IllegalArgumentException("EngineJob.workDir is required");
        }
        return job.workDir();
    }

    /** conv1's filters, [count][channels][height][width]. */
    public static FilterBank firstLayerFilters(MultiLayerNetwork net) {
        INDArray w = net.getLayer(PaperLayers.weightIndex(1)).getParam("W");
        long[] s = w.shape();
        double[] values = w.dup('c').data().asDouble();
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return new FilterBank((int) s[0], (int) s[1], (int) s[2], (int) s[3], list);
    }
}

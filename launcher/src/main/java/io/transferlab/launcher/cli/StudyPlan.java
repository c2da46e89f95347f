package io.transferlab.launcher.cli;

import io.transferlab.contracts.catalog.DatasetCatalog;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.model.ArchitectureSpec;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.DatasetSpec;
import io.transferlab.contracts.model.Direction;
import io.transferlab.contracts.model.SplitSpec;
import io.transferlab.contracts.model.TrainingSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * The two experiments of {@code ./transferlab study} on Fashion-MNIST, and what they cost.
 * <ul>
 * <li>{@code random}: every arm (base, selffer, transfer, both fine-tuned, random-frozen) at every cut n, both
 * directions, {@code replicates} replicates each on its own random split (split seeds 0..R-1, own base nets),
 * CKA per replicate.</li>
 * <li>{@code dissimilar}: the preset clothing-vs-footwear-and-bags split, base, selffer and transfer at every cut,
 * both directions, {@code replicates} training seeds (the split is one), CKA: what the "dissimilar falls faster"
 * finding needs.</li>
 * </ul>
 * Sized by images per class, never by fewer arms or cuts. Every network uses the summary metric
 * {@code test-top1}, He initialisation and source-half normalisation (docs/SCORING.md).
 */
public record StudyPlan(
        String studyId, int replicates, List<Integer> cuts, int imagesPerClass, int epochs, int batchSize) {

    public static final List<Arm> RANDOM_ARMS = List.of(
            Arm.BASE, Arm.SELFFER, Arm.TRANSFER, Arm.SELFFER_FINETUNED, Arm.TRANSFER_FINETUNED, Arm.RANDOM_FROZEN);
    public static final List<Arm> DISSIMILAR_ARMS = List.of(Arm.BASE, Arm.SELFFER, Arm.TRANSFER);
    /** Classes per half on Fashion-MNIST, and official test images per class. */
    static final int CLASSES_PER_HALF = 5;

    static final int TEST_IMAGES_PER_CLASS = 1000;
    /**
     * Validation images per class, drawn from the training images the study does not train on (Fashion-MNIST
     * has 6,000 per class): 150 per half, so that one image moves a validation by 0.7 points and the convergence
     * check can tell a rise of 1 point from noise.
     */
    static final int VALIDATION_IMAGES_PER_CLASS = 30;

    static final int VALIDATIONS_PER_EPOCH = 1;

    public StudyPlan {
        if (replicates < 1 || imagesPerClass < 10 || epochs < 2 || batchSize < 1 || cuts.isEmpty()) {
            throw new IllegalArgumentException(
                    "a study needs at least 1 replicate, 10 images per class, 2 epochs" + " and one cut");
        }
        cuts = List.copyOf(cuts);
    }

    /** The random-split experiment. */
    public ExperimentRequested random() {
        return request("random", SplitSpec.random(0), RANDOM_ARMS, ExperimentRequested.REPLICATE_OVER_SPLITS);
    }

    /** The dissimilar-split experiment. */
    public ExperimentRequested dissimilar() {
        return request(
                "dissimilar",
                SplitSpec.preset(DatasetCatalog.DISSIMILAR),
                DISSIMILAR_ARMS,
                ExperimentRequested.REPLICATE_OVER_SEEDS);
    }

    public List<ExperimentRequested> requests() {
        return List.of(random(), dissimilar());
    }

    /**
     * The training settings: the learning rate steps down (x0.1) after the first half of the epochs and stays there,
     * so that the second half of training lets the networks settle and the convergence check (last quarter of the
     * epochs against the quarter before, both after the step) compares two stretches of one schedule; one
     * validation per epoch on {@value #VALIDATION_IMAGES_PER_CLASS} images per class that no network of the study
     * trains on. The trainer draws a half's validation images from the same seeded pool as its training images, so
     * the request caps the pool at the training images plus the validation images and holds the latter out.
     */
    public TrainingSettings training() {
        int step = Math.max(1, (epochs + 1) / 2);
        return new TrainingSettings(
                epochs,
                batchSize,
                0.01,
                step,
                0.1,
                0.9,
                5e-4,
                imagesPerClass + validationImagesPerClass(),
                validationFraction(),
                VALIDATIONS_PER_EPOCH,
                TrainingSettings.TEST_TOP1,
                TrainingSettings.INIT_HE,
                TrainingSettings.NORMALISE_SOURCE);
    }

    /**
     * Validation images per class: {@value #VALIDATION_IMAGES_PER_CLASS}, or as many as the training images of a
     * smaller smoke study (a request holds out at most half of a class's pool).
     */
    public int validationImagesPerClass() {
        return Math.min(VALIDATION_IMAGES_PER_CLASS, imagesPerClass);
    }

    /** The share of a class's pool held out: exactly {@link #validationImagesPerClass()} images of it. */
    double validationFraction() {
        return (double) validationImagesPerClass() / (imagesPerClass + validationImagesPerClass());
    }

    private ExperimentRequested request(String name, SplitSpec split, List<Arm> arms, String replicateOver) {
        List<Long> seeds = LongStream.range(0, replicates).boxed().toList();
        return ExperimentRequested.of(
                studyId + "-" + name,
                DatasetSpec.named(DatasetCatalog.FASHION_MNIST),
                split,
                new ArchitectureSpec(ArchitectureSpec.GRAY28, null, null),
                arms,
                cuts,
                Direction.BOTH,
                seeds,
                training(),
                true,
                0,
                Map.of("study", studyId, "split", name),
                replicateOver);
    }

    /** Jobs of both experiments. */
    public int jobs() {
        return requests().stream().mapToInt(StudyPlan::jobs).sum();
    }

    static int jobs(ExperimentRequested r) {
        long armsPerCut = r.arms().stream().filter(a -> a != Arm.BASE).count();
        return r.seeds().size() * (2 + 1 + (int) armsPerCut * r.layerCuts().size() * 2);
    }

    /** Training jobs (every job but CKA) of both experiments. */
    public int trainingJobs() {
        return jobs() - 2 * replicates;
    }

    /**
     * The estimated wall time on this machine under {@code cost}: per training job a fixed overhead, the
     * training image passes at the training rate, and the validation and test images at the inference rate, with
     * {@code cost.slots()} jobs side by side; per CKA job the fixed overhead; plus the stack's start.
     */
    public Duration estimate(CostModel cost) {
        double trainPasses = (double) imagesPerClass * CLASSES_PER_HALF * epochs;
        double inference = (double) validationImagesPerClass() * CLASSES_PER_HALF * VALIDATIONS_PER_EPOCH * epochs
                + TEST_IMAGES_PER_CLASS * CLASSES_PER_HALF;
        double perJob = cost.jobOverheadSeconds()
                + trainPasses / cost.trainImagesPerSecond()
                + inference / cost.inferenceImagesPerSecond();
        double seconds = cost.startSeconds()
                + (trainingJobs() * perJob + 2.0 * replicates * cost.jobOverheadSeconds()) / cost.slots();
        return Duration.ofSeconds(Math.round(seconds));
    }

    /** The largest images per class (a multiple of 10) whose estimate fits {@code budget}, at least 10. */
    public StudyPlan fitted(Duration budget, CostModel cost) {
        StudyPlan best = withImagesPerClass(10);
        for (int ipc = 20; ipc <= 6000; ipc += 10) {
            StudyPlan candidate = withImagesPerClass(ipc);
            if (candidate.estimate(cost).compareTo(budget) > 0) {
                break;
            }
            best = candidate;
        }
        return best;
    }

    public StudyPlan withImagesPerClass(int ipc) {
        return new StudyPlan(studyId, replicates, cuts, ipc, epochs, batchSize);
    }

    /**
     * What a job costs here, per job slot, and how many jobs train side by side. {@link #MEASURED}, on this
     * project's 2-core machine with the local stack's default of two 1-thread jobs (benchmarks/README.md, "Cores";
     * docs/RESULTS.md): 540 training images/s per job at batch 32 with another job beside it, inference about
     * 1,500 images/s per job, about 1 s per job for start, dataset views, checkpoints and events (datasets are
     * decoded once per trainer), 90 s for the stack's start. The training rate is the one the second study
     * (2026-12-02 03:24, 306 networks, every arm) averaged over all its jobs, about 580 images/s, less 7%: the
     * estimate is the budget's safety margin on a machine that something else also uses. (The first rate, 430
     * images/s from single-network benchmarks, over-estimated that study by 27%: frozen layers need no gradient.)
     */
    public record CostModel(
            double trainImagesPerSecond,
            double inferenceImagesPerSecond,
            double jobOverheadSeconds,
            double startSeconds,
            int slots) {
        public static final CostModel MEASURED = new CostModel(540, 1500, 1, 90, 2);

        public CostModel {
            if (trainImagesPerSecond <= 0 || inferenceImagesPerSecond <= 0 || slots < 1) {
                throw new IllegalArgumentException("rates must be positive and a trainer has at least one slot");
            }
        }
    }
}

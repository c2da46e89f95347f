package io.transferlab.contracts.events;

import io.transferlab.contracts.model.ArchitectureSpec;
import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.DatasetSpec;
import io.transferlab.contracts.model.Direction;
import io.transferlab.contracts.model.SplitSpec;
import io.transferlab.contracts.model.TrainingSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A user asks for an experiment. Only {@code dataset} is required; everything else has a default:
 * random split with seed 0, the dataset's default architecture, the base and the four transfer arms,
 * layer cuts 1..7, both directions, one seed (0), default training settings, no CKA, priority 0, and
 * {@code replicateOver} {@value #REPLICATE_OVER_SPLITS} for a random split ({@value #REPLICATE_OVER_SEEDS}
 * otherwise): replicate i, the i-th entry of {@code seeds}, trains on the random split with seed
 * {@code split.seed + i} and its own base networks, so that replicates differ in their class split as in the
 * paper, not only in their training seed. With one seed both settings give the same plan.
 * {@code experimentId} may be null: the coordinator then derives one from the event id, so a
 * redelivered request still maps to one experiment. Semantic checks (known dataset, ranges, job
 * count) are the coordinator's, which reports every problem at once.
 */
public record ExperimentRequested(
        String eventId,
        Instant occurredAt,
        int schemaVersion,
        String experimentId,
        DatasetSpec dataset,
        SplitSpec split,
        ArchitectureSpec architecture,
        List<Arm> arms,
        List<Integer> layerCuts,
        Direction directions,
        List<Long> seeds,
        TrainingSettings training,
        Boolean computeCka,
        Integer priority,
        Map<String, String> tags,
        String replicateOver)
        implements ExperimentEvent {

    /** Replicate i trains on the random split with seed {@code split.seed + i} (the default for random splits). */
    public static final String REPLICATE_OVER_SPLITS = "splits";
    /** Every replicate trains on the request's split; replicates differ only in their training seed. */
    public static final String REPLICATE_OVER_SEEDS = "seeds";

    public static final List<Arm> DEFAULT_ARMS =
            List.of(Arm.BASE, Arm.SELFFER, Arm.TRANSFER, Arm.SELFFER_FINETUNED, Arm.TRANSFER_FINETUNED);
    public static final List<Integer> DEFAULT_LAYER_CUTS =
            IntStream.rangeClosed(1, 7).boxed().toList();

    public ExperimentRequested {
        eventId = Events.idOrNew(eventId);
        occurredAt = Events.timeOrNow(occurredAt);
        schemaVersion = Events.version(schemaVersion);
        Events.required("dataset", dataset);
        split = split == null ? SplitSpec.random(0) : split;
        architecture = architecture == null ? ArchitectureSpec.defaults() : architecture;
        arms = arms == null ? DEFAULT_ARMS : List.copyOf(arms);
        layerCuts = layerCuts == null ? DEFAULT_LAYER_CUTS : List.copyOf(layerCuts);
        directions = directions == null ? Direction.BOTH : directions;
        seeds = seeds == null ? List.of(0L) : List.copyOf(seeds);
        training = training == null ? TrainingSettings.defaults() : training;
        computeCka = computeCka != null && computeCka;
        priority = priority == null ? 0 : priority;
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        if (replicateOver == null) {
            replicateOver = SplitSpec.RANDOM.equals(split.kind()) ? REPLICATE_OVER_SPLITS : REPLICATE_OVER_SEEDS;
        }
    }

    /** A request with the default {@code replicateOver}. */
    public ExperimentRequested(
            String eventId,
            Instant occurredAt,
            int schemaVersion,
            String experimentId,
            DatasetSpec dataset,
            SplitSpec split,
            ArchitectureSpec architecture,
            List<Arm> arms,
            List<Integer> layerCuts,
            Direction directions,
            List<Long> seeds,
            TrainingSettings training,
            Boolean computeCka,
            Integer priority,
            Map<String, String> tags) {
        this(
                eventId,
                occurredAt,
                schemaVersion,
                experimentId,
                dataset,
                split,
                architecture,
                arms,
                layerCuts,
                directions,
                seeds,
                training,
                computeCka,
                priority,
                tags,
                null);
    }

    /** True when replicate i trains on its own random split (seed {@code split.seed + i}). */
    public boolean replicatesOverSplits() {
        return REPLICATE_OVER_SPLITS.equals(replicateOver) && SplitSpec.RANDOM.equals(split.kind());
    }

    /** The split replicate {@code i} (0-based index into {@code seeds}) trains on. */
    public SplitSpec splitOfReplicate(int i) {
        return replicatesOverSplits() ? SplitSpec.random(split.seed() + i) : split;
    }

    /** The same request under the given experiment id. */
    public ExperimentRequested withExperimentId(String id) {
        return new ExperimentRequested(
                eventId,
                occurredAt,
                schemaVersion,
                id,
                dataset,
                split,
                architecture,
                arms,
                layerCuts,
                directions,
                seeds,
                training,
                computeCka,
                priority,
                tags,
                replicateOver);
    }

    /** A new event: a fresh id, the current schema version, happening now. */
    public static ExperimentRequested of(
            String experimentId,
            DatasetSpec dataset,
            SplitSpec split,
            ArchitectureSpec architecture,
            List<Arm> arms,
            List<Integer> layerCuts,
            Direction directions,
            List<Long> seeds,
            TrainingSettings training,
            Boolean computeCka,
            Integer priority,
            Map<String, String> tags,
            String replicateOver) {
        return at(
                null,
                experimentId,
                dataset,
                split,
                architecture,
                arms,
                layerCuts,
                directions,
                seeds,
                training,
                computeCka,
                priority,
                tags,
                replicateOver);
    }

    /** A new event: a fresh id, the current schema version, happening at {@code occurredAt} (null = now). */
    public static ExperimentRequested at(
            Instant occurredAt,
            String experimentId,
            DatasetSpec dataset,
            SplitSpec split,
            ArchitectureSpec architecture,
            List<Arm> arms,
            List<Integer> layerCuts,
            Direction directions,
            List<Long> seeds,
            TrainingSettings training,
            Boolean computeCka,
            Integer priority,
            Map<String, String> tags,
            String replicateOver) {
        return new ExperimentRequested(
                null,
                occurredAt,
                0,
                experimentId,
                dataset,
                split,
                architecture,
                arms,
                layerCuts,
                directions,
                seeds,
                training,
                computeCka,
                priority,
                tags,
                replicateOver);
    }
}

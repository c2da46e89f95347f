package io.transferlab.contracts.events;

import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.ArchitectureSpec;
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
 * layer cuts 1..7, both directions, one seed (0), default training settings, no CKA, priority 0.
 * {@code experimentId} may be null: the coordinator then derives one from the event id, so a
 * redelivered request still maps to one experiment. Semantic checks (known dataset, ranges, job
 * count) are the coordinator's, which reports every problem at once.
 */
public record ExperimentRequested(String eventId, Instant occurredAt, int schemaVersion, String experimentId,
        DatasetSpec dataset, SplitSpec split, ArchitectureSpec architecture, List<Arm> arms, List<Integer> layerCuts,
        Direction directions, List<Long> seeds, TrainingSettings training, Boolean computeCka, Integer priority,
        Map<String, String> tags) implements ExperimentEvent {

    public static final List<Arm> DEFAULT_ARMS = List.of(Arm.BASE, Arm.SELFFER, Arm.TRANSFER,
            Arm.SELFFER_FINETUNED, Arm.TRANSFER_FINETUNED);
    public static final List<Integer> DEFAULT_LAYER_CUTS = IntStream.rangeClosed(1, 7).boxed().toList();

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
    }

    /** The same request under the given experiment id. */
    public ExperimentRequested withExperimentId(String id) {
        return new ExperimentRequested(eventId, occurredAt, schemaVersion, id, dataset, split, architecture, arms,
                layerCuts, directions, seeds, training, computeCka, priority, tags);
    }
}

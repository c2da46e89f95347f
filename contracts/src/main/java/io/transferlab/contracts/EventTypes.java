package io.transferlab.contracts;

import io.transferlab.contracts.events.CheckpointSaved;
import io.transferlab.contracts.events.DeadLettered;
import io.transferlab.contracts.events.EpochCompleted;
import io.transferlab.contracts.events.ExperimentAccepted;
import io.transferlab.contracts.events.ExperimentCancelled;
import io.transferlab.contracts.events.ExperimentCompleted;
import io.transferlab.contracts.events.ExperimentFailed;
import io.transferlab.contracts.events.ExperimentPlanned;
import io.transferlab.contracts.events.ExperimentProgress;
import io.transferlab.contracts.events.ExperimentRejected;
import io.transferlab.contracts.events.ExperimentRequested;
import io.transferlab.contracts.events.JobCancelled;
import io.transferlab.contracts.events.JobCompleted;
import io.transferlab.contracts.events.JobFailed;
import io.transferlab.contracts.events.JobHeartbeat;
import io.transferlab.contracts.events.JobStarted;
import io.transferlab.contracts.events.TrainingJobRequested;
import io.transferlab.contracts.events.TransferLabEvent;
import io.transferlab.contracts.events.TransferScoresComputed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The CloudEvents {@code type} of every event, {@code io.transferlab.<EventName>.v<major>}, and the
 * topic each travels on. Consumers route on the {@code ce_type} header without parsing the body.
 */
public final class EventTypes {
    public static final String PREFIX = "io.transferlab.";

    /** An event class, its wire type and its topic. */
    public record EventType(Class<? extends TransferLabEvent> javaType, String ceType, String topic) {}

    public static final List<EventType> ALL = List.of(
            type(ExperimentRequested.class, Topics.EXPERIMENT_REQUESTS),
            type(ExperimentAccepted.class, Topics.EXPERIMENT_EVENTS),
            type(ExperimentRejected.class, Topics.EXPERIMENT_EVENTS),
            type(ExperimentPlanned.class, Topics.EXPERIMENT_EVENTS),
            type(ExperimentProgress.class, Topics.EXPERIMENT_EVENTS),
            type(ExperimentCompleted.class, Topics.EXPERIMENT_EVENTS),
            type(ExperimentFailed.class, Topics.EXPERIMENT_EVENTS),
            type(ExperimentCancelled.class, Topics.EXPERIMENT_EVENTS),
            type(TrainingJobRequested.class, Topics.TRAINING_JOBS),
            type(JobStarted.class, Topics.JOB_EVENTS),
            type(JobHeartbeat.class, Topics.JOB_EVENTS),
            type(EpochCompleted.class, Topics.JOB_EVENTS),
            type(CheckpointSaved.class, Topics.JOB_EVENTS),
            type(JobCompleted.class, Topics.JOB_EVENTS),
            type(JobFailed.class, Topics.JOB_EVENTS),
            type(JobCancelled.class, Topics.JOB_EVENTS),
            type(TransferScoresComputed.class, Topics.SCORES),
            type(DeadLettered.class, Topics.DEAD_LETTERS));

    private static final Map<String, EventType> BY_CE_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::javaType, Function.identity()));

    private EventTypes() {}

    private static EventType type(Class<? extends TransferLabEvent> javaType, String topic) {
        return new EventType(
                javaType, PREFIX + javaType.getSimpleName() + ".v" + TransferLabEvent.SCHEMA_VERSION, topic);
    }

    public static Optional<EventType> byCeType(String ceType) {
        return Optional.ofNullable(ceType).map(BY_CE_TYPE::get);
    }

    public static EventType of(Class<? extends TransferLabEvent> javaType) {
        EventType type = BY_CLASS.get(javaType);
        if (type == null) {
            throw new IllegalArgumentException("not a TransferLab event: " + javaType.getName());
        }
        return type;
    }

    public static EventType of(TransferLabEvent event) {
        return of(event.getClass());
    }
}

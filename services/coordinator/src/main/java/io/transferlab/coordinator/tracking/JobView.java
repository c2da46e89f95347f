package io.transferlab.coordinator.tracking;

import io.transferlab.contracts.model.Arm;
import io.transferlab.contracts.model.Half;
import io.transferlab.contracts.model.JobKind;
import io.transferlab.contracts.model.JobState;
import java.time.Instant;
import java.util.List;

/** One job as GET /experiments/{id} shows it. Timings are those of the current attempt. */
public record JobView(
        String jobId,
        JobKind kind,
        Arm arm,
        int n,
        Half sourceHalf,
        Half targetHalf,
        long seed,
        List<String> dependsOn,
        JobState state,
        int attempt,
        Instant dispatchedAt,
        Instant startedAt,
        Instant finishedAt,
        Instant lastHeartbeatAt,
        String trainerId,
        Integer epoch,
        Double progress,
        String reason,
        String checkpointUri,
        Double summaryTop1,
        Double testTop1,
        Long totalMillis) {}

package io.transferlab.coordinator.tracking;

import io.transferlab.contracts.model.Problem;
import java.time.Instant;
import java.util.List;

/** The rejected requests the coordinator remembers (bounded), as the state topic keeps them. */
public record RejectionsSnapshot(List<Rejected> rejections, List<String> requestEventIds) {

    /** A rejected request that never became an experiment. */
    public record Rejected(String experimentId, List<Problem> problems, Instant at) {}
}

package io.transferlab.trainer.training;

import io.transferlab.trainer.engine.EngineJob;
import io.transferlab.trainer.engine.JobOutcome;
import io.transferlab.trainer.engine.TrainingListener;
import java.util.function.BooleanSupplier;

/** What the service needs from the engine: {@code JobRunner::run}. */
@FunctionalInterface
public interface TrainingEngine {
    JobOutcome run(EngineJob job, TrainingListener listener, BooleanSupplier cancelled);
}

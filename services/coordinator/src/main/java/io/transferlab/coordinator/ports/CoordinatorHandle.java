package io.transferlab.coordinator.ports;

import io.transferlab.coordinator.request.RequestReader;
import io.transferlab.coordinator.tracking.CoordinatorEngine;

/**
 * What the REST and health layers may ask of the running coordinator, so that they never reach into messaging
 * (implemented by {@code messaging.CoordinatorRuntime}).
 */
public interface CoordinatorHandle {

    /** The engine the loop feeds; queries go through it. */
    CoordinatorEngine engine();

    /** The one request reader, shared by REST and the Kafka loop, so a request is validated the same way. */
    RequestReader reader();

    /** True once the state is rebuilt and the loop processes live input (readiness). */
    boolean live();

    /** Why the loop is not working, or null while it works (liveness). */
    String loopProblem();
}

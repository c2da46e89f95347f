package io.transferlab.localstack.containers;

import io.transferlab.localstack.LocalStackException;
import io.transferlab.localstack.Ports;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import org.testcontainers.containers.GenericContainer;

/**
 * Stop, kill and restart of a started container whose service listens on a fixed host port, the same for every
 * image the local stack runs. Restarting keeps the container, so its data and its host port stay.
 */
final class ContainerControl {
    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(60);

    private final GenericContainer<?> container;
    private final String what;
    private final int hostPort;

    ContainerControl(GenericContainer<?> container, String what, int hostPort) {
        this.container = container;
        this.what = what;
        this.hostPort = hostPort;
    }

    void stop() {
        if (isRunning()) {
            container
                    .getDockerClient()
                    .stopContainerCmd(container.getContainerId())
                    .exec();
        }
    }

    void kill() {
        if (isRunning()) {
            container
                    .getDockerClient()
                    .killContainerCmd(container.getContainerId())
                    .exec();
        }
    }

    void restart() {
        stop();
        container
                .getDockerClient()
                .startContainerCmd(container.getContainerId())
                .exec();
        Instant deadline = Instant.now().plus(RESTART_TIMEOUT);
        while (!Ports.isListening(hostPort)) {
            if (Instant.now().isAfter(deadline)) {
                throw new LocalStackException(what + " container did not listen again on port " + hostPort);
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    boolean isRunning() {
        var state = container
                .getDockerClient()
                .inspectContainerCmd(container.getContainerId())
                .exec()
                .getState();
        return Boolean.TRUE.equals(state.getRunning());
    }
}

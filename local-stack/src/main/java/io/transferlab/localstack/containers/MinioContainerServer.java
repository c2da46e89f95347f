package io.transferlab.localstack.containers;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports.Binding;
import io.transferlab.localstack.LocalStackException;
import io.transferlab.localstack.Ports;
import io.transferlab.localstack.S3Server;
import java.util.List;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.utility.DockerImageName;

/** MinIO in a container; the host port is fixed so that a restart keeps the endpoint, and data stays in the container. */
final class MinioContainerServer implements S3Server {

    private final MinIOContainer container;
    private final String endpoint;
    private final ContainerControl control;

    private MinioContainerServer(MinIOContainer container, int port) {
        this.container = container;
        this.endpoint = "http://127.0.0.1:" + port;
        this.control = new ContainerControl(container, "MinIO", port);
    }

    static MinioContainerServer start(String image) {
        int hostPort = Ports.freePort();
        // Testcontainers checks the name against Docker Hub's minio/minio; the quay.io image is the same one.
        MinIOContainer container = new MinIOContainer(
                        DockerImageName.parse(image).asCompatibleSubstituteFor("minio/minio"))
                .withUserName("transferlab")
                .withPassword("transferlab-secret")
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withPortBindings(List.of(new PortBinding(Binding.bindPort(hostPort), new ExposedPort(9000)))));
        container.start();
        return new MinioContainerServer(container, hostPort);
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public String accessKey() {
        return container.getUserName();
    }

    @Override
    public String secretKey() {
        return container.getPassword();
    }

    @Override
    public void createBucket(String bucket) {
        try {
            var result = container.execInContainer(
                    "sh",
                    "-c",
                    "mc alias set local http://127.0.0.1:9000 " + accessKey() + " " + secretKey()
                            + " >/dev/null && mc mb --ignore-existing local/" + bucket);
            if (result.getExitCode() != 0) {
                throw new LocalStackException("Cannot create bucket " + bucket + ": " + result.getStderr());
            }
        } catch (java.io.IOException e) {
            throw new LocalStackException("Cannot create bucket " + bucket, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while creating bucket " + bucket, e);
        }
    }

    @Override
    public void stop() {
        control.stop();
    }

    @Override
    public void kill() {
        control.kill();
    }

    @Override
    public void restart() {
        control.restart();
    }

    @Override
    public boolean isRunning() {
        return control.isRunning();
    }
}

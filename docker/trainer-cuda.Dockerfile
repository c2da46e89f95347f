# TransferLab trainer, CUDA flavour: ND4J's CUDA 11.6 backend with cuDNN 8 on NVIDIA GPUs.
# Package the trainer with the cuda profile (nd4j-cuda-11.6 instead of nd4j-native), then build:
#   mvn -B -Pcuda -pl services/trainer -am package -DskipTests
#   docker build -f docker/trainer-cuda.Dockerfile -t transferlab/trainer:0.1.0-cuda services/trainer
# Run with the NVIDIA container toolkit (docker run --gpus all; in Kubernetes the NVIDIA device plugin).
FROM eclipse-temurin:17.0.15_6-jre-jammy AS jre

FROM nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04

# The same pinned Temurin 17 JRE as the CPU images (Temurin binaries run on any glibc >= 2.17).
ENV JAVA_HOME=/opt/java/openjdk
ENV PATH="${JAVA_HOME}/bin:${PATH}"
COPY --from=jre /opt/java/openjdk /opt/java/openjdk

RUN apt-get update \
 && apt-get install -y --no-install-recommends libgomp1 ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 transferlab \
 && useradd --system --uid 10001 --gid transferlab --home-dir /deployments --no-create-home --shell /usr/sbin/nologin transferlab \
 && mkdir -p /var/lib/transferlab/work && chown transferlab:transferlab /var/lib/transferlab/work

# JavaCPP unpacks its native libraries into a cache: keep it under /tmp (writable, also with a read-only root).
ENV LANG=C.UTF-8 \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility \
    JAVA_OPTS="-XX:MaxRAMPercentage=40 -Dorg.bytedeco.javacpp.maxbytes=8G" \
    JAVA_TOOL_OPTIONS="-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp" \
    QUARKUS_HTTP_PORT=8082 \
    TRANSFERLAB_TRAINER_WORK_DIR=/var/lib/transferlab/work

WORKDIR /deployments
# The application stays owned by root: the service only reads it (read-only root filesystem in Kubernetes).
# Fast-jar layers from the least to the most often changed, so a code change rebuilds only the last ones.
COPY target/quarkus-app/lib/ /deployments/lib/
COPY target/quarkus-app/*.jar /deployments/
COPY target/quarkus-app/app/ /deployments/app/
COPY target/quarkus-app/quarkus/ /deployments/quarkus/

USER 10001:10001
VOLUME ["/var/lib/transferlab/work"]
EXPOSE 8082
HEALTHCHECK --interval=10s --timeout=5s --start-period=180s --retries=5 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${QUARKUS_HTTP_PORT} && printf "GET /q/health/ready HTTP/1.0\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
ENTRYPOINT ["/bin/sh", "-c", "exec java ${JAVA_OPTS} -jar /deployments/quarkus-run.jar"]

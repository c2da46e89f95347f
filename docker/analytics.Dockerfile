# TransferLab analytics: the Quarkus fast-jar on a pinned Java 17 runtime, as a non-root user.
#   mvn -B -pl services/analytics -am package -DskipTests
#   docker build -f docker/analytics.Dockerfile -t transferlab/analytics:0.1.0 services/analytics
# The build context is the service module; analytics.Dockerfile.dockerignore sends only target/quarkus-app.
FROM eclipse-temurin:17.0.15_6-jre-jammy

ENV LANG=C.UTF-8 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75" \
    QUARKUS_HTTP_PORT=8083

RUN groupadd --system --gid 10001 transferlab \
 && useradd --system --uid 10001 --gid transferlab --home-dir /deployments --no-create-home --shell /usr/sbin/nologin transferlab

WORKDIR /deployments
# The application stays owned by root: the service only reads it (read-only root filesystem in Kubernetes).
# Fast-jar layers from the least to the most often changed, so a code change rebuilds only the last ones.
COPY target/quarkus-app/lib/ /deployments/lib/
COPY target/quarkus-app/*.jar /deployments/
COPY target/quarkus-app/app/ /deployments/app/
COPY target/quarkus-app/quarkus/ /deployments/quarkus/

USER 10001:10001
EXPOSE 8083
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${QUARKUS_HTTP_PORT} && printf "GET /q/health/ready HTTP/1.0\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
ENTRYPOINT ["/bin/sh", "-c", "exec java ${JAVA_OPTS} -jar /deployments/quarkus-run.jar"]

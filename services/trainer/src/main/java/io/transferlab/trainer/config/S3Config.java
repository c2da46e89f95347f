package io.transferlab.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code transferlab.s3.*}: the object store holding checkpoints (any S3 API: MinIO, S3Proxy, AWS). */
@ConfigMapping(prefix = "transferlab.s3")
public interface S3Config {

    @WithDefault("http://localhost:9000")
    String endpoint();

    /** No credentials in the default profile: set them through the environment. */
    Optional<String> accessKey();

    Optional<String> secretKey();

    @WithDefault("transferlab")
    String bucket();

    @WithDefault("us-east-1")
    String region();

    /**
     * How long a failing upload or download is retried (with exponential backoff) before the job fails;
     * long enough to wait out an object-store outage of 10 minutes without spending an attempt.
     */
    @WithDefault("15m")
    Duration retryFor();
}

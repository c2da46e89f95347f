package io.transferlab.trainer.storage;

import java.time.Duration;

/** Where the object store is and how long calls to it are retried. */
public record ObjectStoreSettings(String endpoint, String accessKey, String secretKey, String bucket, String region,
        Duration retryFor) {
}

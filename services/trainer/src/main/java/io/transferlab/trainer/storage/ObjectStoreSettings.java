package io.transferlab.trainer.storage;

import io.transferlab.kafka.KafkaClientConfig;
import java.time.Duration;

/** Where the object store is and how long calls to it are retried; {@link #toString()} hides the secret key. */
public record ObjectStoreSettings(
        String endpoint, String accessKey, String secretKey, String bucket, String region, Duration retryFor) {

    @Override
    public String toString() {
        return "ObjectStoreSettings[endpoint=" + endpoint + ", accessKey=" + accessKey + ", secretKey="
                + (secretKey == null ? null : KafkaClientConfig.REDACTED) + ", bucket=" + bucket + ", region=" + region
                + ", retryFor=" + retryFor + "]";
    }
}

package io.transferlab.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.transferlab.kafka.KafkaClientConfig;
import io.transferlab.trainer.storage.ObjectStoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trainer's settings records print every setting but their secrets, so no log line can leak one. */
class SettingsRedactionTest {
    private static final String S3_SECRET = "s3-secret-value";
    private static final String SASL_SECRET = "sasl-secret-value";

    private static ObjectStoreSettings objectStore() {
        return new ObjectStoreSettings(
                "http://s3:9000", "access", S3_SECRET, "transferlab", "us-east-1", Duration.ofMinutes(15));
    }

    @Test
    void objectStoreSettingsHideTheSecretKeyButKeepIt() {
        ObjectStoreSettings settings = objectStore();

        assertThat(settings.toString())
                .doesNotContain(S3_SECRET)
                .contains("secretKey=<redacted>")
                .contains("accessKey=access")
                .contains("http://s3:9000");
        assertThat(settings.secretKey()).isEqualTo(S3_SECRET);
        assertThat(new ObjectStoreSettings("http://s3:9000", null, null, "b", "r", Duration.ZERO).toString())
                .contains("secretKey=null");
    }

    @Test
    void trainerNodeSettingsHideTheS3KeyAndTheSaslPassword() {
        KafkaClientConfig kafka = new KafkaClientConfig(Map.of(
                "bootstrap.servers",
                "broker:9092",
                "sasl.jaas.config",
                "PlainLoginModule required username=\"u\" password=\"" + SASL_SECRET + "\";",
                "ssl.truststore.password",
                SASL_SECRET));
        TrainerNode.Settings settings = new TrainerNode.Settings(
                "trainer-1",
                kafka,
                1,
                Duration.ofSeconds(5),
                Path.of("/tmp/work"),
                Path.of("/data"),
                2,
                objectStore(),
                Duration.ofMinutes(10),
                Duration.ofSeconds(30),
                "fashion-mnist");

        assertThat(settings.toString())
                .doesNotContain(S3_SECRET)
                .doesNotContain(SASL_SECRET)
                .contains("broker:9092")
                .contains("trainer-1");
    }
}

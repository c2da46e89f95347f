package io.transferlab.trainer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.transferlab.trainer.storage.ObjectStore;
import io.transferlab.trainer.storage.ObjectStoreSettings;
import io.transferlab.trainer.storage.ObjectStoreUnavailableException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Object-store retries are SmallRye Fault Tolerance's and show on the trainer's /q/metrics. */
@QuarkusTest
class StoreRetryMetricsTest {
    private static final Pattern RETRIES =
            Pattern.compile("(?m)^ft_retry_retries_total\\{[^}]*method=\"trainer\\.object-store\"[^}]*\\} ([0-9.E]+)$");

    @Test
    void retriesOfAStoreThatDoesNotAnswerAreScrapedFromTheMetricsEndpoint() throws IOException {
        double before = scrapedRetries();
        ObjectStore unreachable = new ObjectStore(new ObjectStoreSettings(
                "http://127.0.0.1:" + closedPort(), "key", "secret", "bucket", "us-east-1", Duration.ofSeconds(1)));

        assertThatThrownBy(() -> unreachable.stat("bucket", "some/key"))
                .isInstanceOf(ObjectStoreUnavailableException.class)
                .hasMessageContaining("still failing");

        assertThat(unreachable.retries()).isPositive();
        // FT counts a retry when it starts waiting; the last wait may end past the window without another try.
        assertThat(scrapedRetries() - before).isBetween((double) unreachable.retries(), unreachable.retries() + 1.0);
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("ft_retry_calls_total\\{[^}]*method=\"trainer\\.object-store\"[^}]*"
                        + "retryResult=\"maxDurationReached\"[^}]*\\} [1-9]");
    }

    private static double scrapedRetries() {
        Matcher m = RETRIES.matcher(
                given().get("/q/metrics").then().statusCode(200).extract().asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.transferlab.analytics.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.transferlab.analytics.fixtures.FixtureExperiment;
import io.transferlab.analytics.service.AnalyticsService;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The study view over HTTP: two experiments fed to the service directly (no Kafka), compared by effect. */
@QuarkusTest
@TestProfile(ComparisonResourceTest.WithoutKafka.class)
class ComparisonResourceTest {
    @Inject
    AnalyticsService service;

    @BeforeEach
    void twoExperiments() {
        for (String id : new String[] {"cmp-random", "cmp-dissimilar"}) {
            new FixtureExperiment(id, Instant.parse("2026-01-01T00:00:00Z"))
                    .allEvents()
                    .forEach(service::ingest);
        }
    }

    @Test
    void comparesOneEffectPerDirectionAndCut() {
        given().queryParam("reference", "cmp-random")
                .queryParam("treatment", "cmp-dissimilar")
                .queryParam("effect", "specificity")
                .when()
                .get("/comparisons")
                .then()
                .statusCode(200)
                .body("effect", equalTo("specificity"))
                .body("units", equalTo("fraction"))
                .body("referenceId", equalTo("cmp-random"))
                .body("treatments", hasSize(1))
                .body("treatments[0].experimentId", equalTo("cmp-dissimilar"))
                // 3 cuts in each of a-to-b, b-to-a and pooled
                .body("treatments[0].rows", hasSize(9))
                .body("treatments[0].rows.direction", hasItem("pooled"))
                .body("treatments[0].rows[0].reference.method", equalTo("t"))
                .body("treatments[0].rows[0].difference.method", equalTo("welch-t"))
                // the same fixture twice: no difference
                .body("treatments[0].rows[0].difference.mean", equalTo(0.0f));
        given().queryParam("reference", "cmp-random")
                .queryParam("treatment", "cmp-dissimilar")
                .when()
                .get("/comparisons")
                .then()
                .statusCode(200)
                .body("effect", equalTo("transfer-gap"));
    }

    @Test
    void badQueriesAreRejectedWithTheReason() {
        given().queryParam("treatment", "cmp-dissimilar")
                .when()
                .get("/comparisons")
                .then()
                .statusCode(400)
                .body("[0].field", equalTo("reference"));
        given().queryParam("reference", "cmp-random")
                .when()
                .get("/comparisons")
                .then()
                .statusCode(400)
                .body("[0].field", equalTo("treatment"));
        given().queryParam("reference", "cmp-random")
                .queryParam("treatment", "cmp-random")
                .when()
                .get("/comparisons")
                .then()
                .statusCode(400)
                .body("[0].problem", containsString("cannot also be"));
        given().queryParam("reference", "cmp-random")
                .queryParam("treatment", "cmp-dissimilar")
                .queryParam("effect", "<b>nonsense</b>")
                .when()
                .get("/comparisons")
                .then()
                .statusCode(400)
                .body("[0].field", equalTo("effect"))
                .body("[0].problem", containsString("finetune-recovery"));
        given().queryParam("reference", "cmp-random")
                .queryParam("treatment", "never-seen")
                .when()
                .get("/comparisons")
                .then()
                .statusCode(404);
    }

    @Test
    void divergedJobsAreAGaugePerExperiment() {
        service.afterBatch(true);
        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("analytics_jobs_diverged{experiment=\"cmp-random\"} 0.0"));
    }

    /** No consumer and no publication: the test feeds the service itself. */
    public static class WithoutKafka implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "transferlab.analytics.consumer.enabled", "false", "transferlab.analytics.publish-scores", "false");
        }
    }
}

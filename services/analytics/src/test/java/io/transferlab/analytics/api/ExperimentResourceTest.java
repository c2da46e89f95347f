package io.transferlab.analytics.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.transferlab.analytics.fixtures.FixtureExperiment;
import io.transferlab.analytics.service.AnalyticsService;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Score outputs over HTTP name their accuracy rule; the per-network CSV lists every network. */
@QuarkusTest
@TestProfile(ComparisonResourceTest.WithoutKafka.class)
class ExperimentResourceTest {
    @Inject
    AnalyticsService service;

    @BeforeEach
    void experiment() {
        new FixtureExperiment("http-fixture", Instant.parse("2026-01-01T00:00:00Z"))
                .allEvents()
                .forEach(service::ingest);
    }

    @Test
    void everyScoreOutputNamesTheAccuracyRule() {
        given().get("/experiments/http-fixture/scores")
                .then()
                .statusCode(200)
                .body("scores.accuracyMetric", equalTo("best10-or-all"))
                .body("diverged.size()", equalTo(0))
                .body("transitionTests.size()", equalTo(9));
        given().get("/experiments/http-fixture/scores.csv")
                .then()
                .statusCode(200)
                .body(startsWith("section,direction,name,n,mean,low,high,count,method,unit\nmetric,,best10-or-all,"));
        given().get("/experiments/http-fixture").then().statusCode(200).body("jobsDiverged", equalTo(0));
    }

    @Test
    void networksCsvHasOneLinePerTrainedNetwork() {
        String csv = given().get("/experiments/http-fixture/networks.csv")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("networks.csv"))
                .extract()
                .asString();
        String[] lines = csv.split("\n");
        assertLine(lines[0], NetworksCsv.HEADER);
        org.assertj.core.api.Assertions.assertThat(lines).hasSize(1 + 64);
        org.assertj.core.api.Assertions.assertThat(csv)
                .contains(
                        "http-fixture.base.n0.-B.s0,base,0,,B,0,completed,1,best10-or-all,80.0000,79.7000,5,no-curve,,\n");
    }

    private static void assertLine(String actual, String expected) {
        org.assertj.core.api.Assertions.assertThat(actual).isEqualTo(expected);
    }
}

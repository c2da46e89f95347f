package io.transferlab.analytics.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.transferlab.contracts.EventCodec;
import org.junit.jupiter.api.Test;

/** The OpenAPI document names every path and types every JSON body. */
@QuarkusTest
@TestProfile(ComparisonResourceTest.WithoutKafka.class)
class OpenApiTest {
    @Test
    void everyPathIsDocumentedWithTypedResponses() throws Exception {
        String body = given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonNode doc = EventCodec.mapper().readTree(body);
        assertThat(doc.path("info").path("title").asText()).isEqualTo("TransferLab analytics");
        assertThat(doc.path("paths").fieldNames())
                .toIterable()
                .contains(
                        "/experiments",
                        "/experiments/{id}",
                        "/experiments/{id}/scores",
                        "/experiments/{id}/scores.csv",
                        "/experiments/{id}/report",
                        "/experiments/{id}/report.zip",
                        "/experiments/{id}/anomalies",
                        "/anomalies",
                        "/comparisons");
        assertThat(ref(doc, "/experiments/{id}/scores", "200")).endsWith("/ScoresResponse");
        assertThat(ref(doc, "/comparisons", "200")).endsWith("/ComparisonResponse");
        assertThat(doc.at("/paths/~1comparisons/get/responses/400/content/application~1json/schema/items/$ref")
                        .asText())
                .endsWith("/Problem");
        JsonNode schemas = doc.path("components").path("schemas");
        assertThat(schemas.fieldNames())
                .toIterable()
                .contains(
                        "ScoresResponse",
                        "ScoreTable",
                        "Interval",
                        "EffectScore",
                        "TransitionTest",
                        "ComparisonResponse",
                        "ExperimentContrast",
                        "ScoringSummary");
        assertThat(schemas.path("ComparisonResponse").path("properties").fieldNames())
                .toIterable()
                .contains("effect", "units", "referenceId", "treatments");
        assertThat(doc.at("/paths/~1comparisons/get/parameters").findValuesAsText("name"))
                .contains("reference", "treatment", "effect");
    }

    private static String ref(JsonNode doc, String path, String status) {
        return doc.path("paths")
                .path(path)
                .path("get")
                .path("responses")
                .path(status)
                .path("content")
                .path("application/json")
                .path("schema")
                .path("$ref")
                .asText();
    }
}

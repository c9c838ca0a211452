package io.steppewire.article;

import io.steppewire.article.support.ServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiTest extends ServiceTest {

    @Test
    void documentsEveryEndpointAndItsParameters() {
        JsonNode paths = api.get("/v3/api-docs").body().path("paths");

        assertThat(paths.propertyNames()).contains("/api/articles", "/api/articles/{id}", "/api/facets", "/api/rates",
                "/api/rates/{pair}/history", "/api/rates/{pair}/context", "/api/stories/{id}",
                "/api/rates/{pair}/daily");
        assertThat(paths.path("/api/articles").path("get").path("parameters").valueStream()
                .map(p -> p.path("name").asString()))
                .containsExactlyInAnyOrder("country", "tag", "entity", "source", "from", "to", "q", "limit", "cursor");
        assertThat(paths.path("/api/rates/{pair}/context").path("get").path("parameters").valueStream()
                .map(p -> p.path("name").asString())).containsExactlyInAnyOrder("pair", "date");
    }

    @Test
    void exposesHealthAndTheProjectionMetricsForPrometheus() {
        JsonNode health = api.get("/actuator/health").body();
        assertThat(health.path("status").asString()).as(health.toString()).isEqualTo("UP");
        // The platform's ping indicator, which the embedded store answers; Boot's own asks "hello" and would be DOWN.
        assertThat(health.path("components").path("mongo").path("details").path("ping").isMissingNode())
                .as(health.toString()).isFalse();
        assertThat(api.get("/actuator/metrics").body().path("names").valueStream().map(JsonNode::asString))
                .contains("http.server.requests");
    }
}

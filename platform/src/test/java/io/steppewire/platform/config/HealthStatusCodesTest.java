package io.steppewire.platform.config;

import io.steppewire.platform.edge.EdgeTestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a load balancer or compose health check reads from {@code /actuator/health}: 200 while the instance serves
 * (UP, and DEGRADED: alive, catching up by itself), 503 when it cannot (DOWN, OUT_OF_SERVICE). Declaring DEGRADED's
 * code must not drop Spring Boot's default 503 for the others.
 */
class HealthStatusCodesTest {

    private static final Switchable INDICATOR = new Switchable();
    private static ConfigurableApplicationContext context;
    private static int port;

    @BeforeAll
    static void startAnEdge() {
        SpringApplication app = new SpringApplication(EdgeTestApplication.class);
        app.setWebApplicationType(WebApplicationType.SERVLET);
        app.addInitializers(c -> c.getBeanFactory().registerSingleton("switchableHealthIndicator", INDICATOR));
        context = app.run("--server.port=0", "--steppewire.api.key=health-test-key-0123",
                "--spring.kafka.bootstrap-servers=127.0.0.1:1", "--management.health.kafka.enabled=false");
        port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"UP, 200", "DEGRADED, 200", "OUT_OF_SERVICE, 503", "DOWN, 503"})
    void answersWhetherTheInstanceCanServe(String status, int expectedCode) throws Exception {
        INDICATOR.status = new Status(status);

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.body()).contains("\"status\":\"" + status + "\"");
        assertThat(health.statusCode()).isEqualTo(expectedCode);
    }

    private static final class Switchable implements HealthIndicator {

        private volatile Status status = Status.UP;

        @Override
        public Health health() {
            return Health.status(status).build();
        }
    }
}

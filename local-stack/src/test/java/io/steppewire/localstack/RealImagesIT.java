package io.steppewire.localstack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The four services on the real Kafka and MongoDB images that docker-compose.yml uses. Runs where a
 * Docker engine answers; JUnit reports it as skipped where none does.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealImagesIT {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.2");

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0.15");

    @TempDir
    static Path data;

    private static final List<ServiceProcess> SERVICES = new ArrayList<>();
    private static NewsDesk desk;

    @BeforeAll
    static void startTheServicesOnTheRealImages() throws Exception {
        Path repository = Path.of(System.getProperty("steppewire.repository", "..")).toAbsolutePath().normalize();
        Map<String, String> environment = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", KAFKA.getBootstrapServers(),
                "MONGODB_URI", MONGO.getConnectionString(),
                "STEPPEWIRE_API_KEY", "real-images-key",
                "SPRING_KAFKA_STREAMS_STATE_DIR", data.resolve("rates-state").toString());
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        for (String service : LocalStack.SERVICES.keySet()) {
            int port = PortCheck.anyFree();
            ports.put(service, port);
            ServiceProcess process = new ServiceProcess(service, port, ServiceProcess.jarOf(repository, service),
                    data.resolve(service + ".log"));
            process.start(environment, List.of("-Xmx384m"));
            SERVICES.add(process);
        }
        for (ServiceProcess service : SERVICES) {
            service.awaitHealthy(Duration.ofMinutes(3));
        }
        desk = new NewsDesk("http://localhost:" + ports.get("ingest-service"), "http://localhost:" + ports.get("article-service"),
                "http://localhost:" + ports.get("notify-service"), "real-images-key");
    }

    @AfterAll
    static void stopThem() {
        SERVICES.forEach(ServiceProcess::close);
    }

    @Test
    void aPostedPageReachesTheReadStoreOnRealKafkaAndMongo() throws Exception {
        var accepted = desk.postPage("desert-sun", NewsDesk.resource("pages/desert-sun-2026-04-02.txt"));

        assertThat(accepted.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(desk.articleTitles())
                .contains("Samarkand Wind Farm Begins Selling Power to the Uzbek Grid"));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(desk.rates()).hasSize(5));
    }
}

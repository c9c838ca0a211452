package io.steppewire.article.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.steppewire.article.support.ApiClient;
import io.steppewire.article.support.EmbeddedStore;
import io.steppewire.article.support.Newsroom;
import io.steppewire.article.support.ServiceTest;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StoreOutageTest extends ServiceTest {

    @Autowired
    MeterRegistry meters;

    private double failedWrites() {
        return meters.find("steppewire.article.store.failures").tag("stream", "articles").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    @Test
    void keepsRetryingWhileTheStoreIsAwayAnswersReadersWith503AndProjectsTheArticleOnceItIsBack() {
        ArticleIngested duringOutage = Newsroom.story("outage-observer", "Power Cut Darkens Osh for an Evening",
                "OSH - Lights went out across the city for three hours on Sunday.").about("KG").event();
        double failedBefore = failedWrites();

        EmbeddedStore.stop();
        try {
            publisher.publish(Topics.ARTICLES, duringOutage.articleId(), duringOutage.articleId(), duringOutage);
            await().atMost(Duration.ofSeconds(60)).until(() -> failedWrites() >= failedBefore + 2);

            // Readers meanwhile learn that the store is away and when to ask again, not that the service broke.
            ApiClient.Answer listing = api.get("/api/articles?country=KG");
            assertThat(listing.status()).isEqualTo(503);
            assertThat(listing.contentType()).startsWith("application/problem+json");
            assertThat(listing.body().path("title").asString()).isEqualTo("Read store unavailable");
            assertThat(listing.header("Retry-After")).isEqualTo("5");
            assertThat(api.get("/api/rates").status()).isEqualTo(503);
            // Health names what holds the projection back: the store is down, the consumers wait it out.
            ApiClient.Answer health = api.get("/actuator/health");
            assertThat(health.body().path("components").path("mongo").path("status").asString()).isEqualTo("DOWN");
            assertThat(health.body().path("components").path("consumerOutages").path("status").asString())
                    .as(health.body().toString()).isEqualTo("DEGRADED");
        } finally {
            EmbeddedStore.restart();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.get("/api/articles/" + duringOutage.articleId()).status()).isEqualTo(200));
    }
}

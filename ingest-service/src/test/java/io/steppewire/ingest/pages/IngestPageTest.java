package io.steppewire.ingest.pages;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.ingest.support.Pages;
import io.steppewire.ingest.taxonomy.CurrentTaxonomy;
import io.steppewire.ingest.taxonomy.TaxonomyProperties;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpStatus;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class IngestPageTest {

    private static final Instant NOW = Instant.parse("2026-03-16T09:30:00Z");

    private final FirstSeenIndex firstSeen = mock(FirstSeenIndex.class);
    private final PagePublisher publisher = mock(PagePublisher.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final IngestPage ingestPage = new IngestPage(new CurrentTaxonomy(new TaxonomyProperties("", Duration.ofSeconds(5)),
            Clock.fixed(NOW, ZoneOffset.UTC), meters), firstSeen, publisher, Clock.fixed(NOW, ZoneOffset.UTC), meters);

    @Test
    void refusesToPublishWhileTheFirstSeenIndexIsStillReading() {
        when(firstSeen.isCaughtUp()).thenReturn(false);
        assertThatThrownBy(() -> ingestPage.ingest(frontPage(), "steppe-daily", false))
                .isInstanceOfSatisfying(PageRejectedException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        verify(publisher, never()).publish(any(), any());
    }

    @Test
    void explainsADryRunEvenWhileTheIndexIsStillReading() {
        when(firstSeen.isCaughtUp()).thenReturn(false);
        PageIngestion dryRun = ingestPage.ingest(frontPage(), "steppe-daily", true);
        assertThat(dryRun.articles()).hasSize(5);
        verify(publisher, never()).publish(any(), any());
    }

    @Test
    void publishesAnArticleThatAPageCarriesTwiceOnlyOnce() {
        when(firstSeen.isCaughtUp()).thenReturn(true);
        String story = """
                Almaty Opens a Library in an Old Tram Depot

                ALMATY – The library keeps the rails in its reading room floor.
                """;
        String page = "16 March 2026\n\n" + story + "\n" + story;

        ingestPage.ingest(page.getBytes(StandardCharsets.UTF_8), "steppe-daily", false);

        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<ArticleIngested>> articles = ArgumentCaptor.forClass(List.class);
        verify(publisher).publish(articles.capture(), any());
        assertThat(articles.getValue()).singleElement().extracting(ArticleIngested::title)
                .isEqualTo("Almaty Opens a Library in an Old Tram Depot");
    }

    @Test
    void datesArticlesAndQuotesByThePageAndKeepsTheFirstSighting() {
        Instant firstSighting = Instant.parse("2026-03-14T06:00:00Z");
        when(firstSeen.isCaughtUp()).thenReturn(true);
        when(firstSeen.firstSeen(anyString())).thenReturn(Optional.of(firstSighting));

        PageIngestion ingestion = ingestPage.ingest(frontPage(), "steppe-daily", false);

        ArticleIngested solarPark = ingestion.articles().getFirst().event();
        assertThat(solarPark.firstSeenAt()).isEqualTo(firstSighting);
        assertThat(solarPark.ingestedAt()).isEqualTo(NOW);
        assertThat(ingestion.articles().getFirst().seenBefore()).isTrue();
        RateQuoted tenge = ingestion.quotes().get(1);
        assertThat(tenge.asOf()).isEqualTo(Instant.parse("2026-03-14T00:00:00Z"));
        assertThat(tenge.pageId()).isEqualTo(ingestion.pageId());
        verify(firstSeen).recordSighting(solarPark.articleId(), firstSighting);
    }

    private static byte[] frontPage() {
        return Pages.read(Pages.STEPPE_DAILY_FRONT_PAGE).getBytes(StandardCharsets.UTF_8);
    }
}

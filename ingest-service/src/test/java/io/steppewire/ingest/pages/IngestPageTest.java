package io.steppewire.ingest.pages;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.ingest.stories.Stories;
import io.steppewire.ingest.support.Pages;
import io.steppewire.ingest.taxonomy.CurrentTaxonomy;
import io.steppewire.ingest.taxonomy.TaxonomyProperties;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class IngestPageTest {

    private static final Instant NOW = Instant.parse("2026-03-16T09:30:00Z");

    private final FirstSeenIndex firstSeen = mock(FirstSeenIndex.class);
    private final PagePublisher publisher = mock(PagePublisher.class);
    private final Stories stories = ownStories();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final IngestPage ingestPage = ingestPageAt(NOW);

    private IngestPage ingestPageAt(Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new IngestPage(new CurrentTaxonomy(new TaxonomyProperties("", Duration.ofSeconds(5), true), clock, meters),
                firstSeen, publisher, stories, clock, new IngestProperties(DataSize.ofMegabytes(5), 1_000, 10, 4,
                Duration.ofSeconds(5), Duration.ofSeconds(5)), meters);
    }

    /** Each article its own story: grouping is StoriesTest's business. */
    @SuppressWarnings("unchecked")
    private static Stories ownStories() {
        Stories stories = mock(Stories.class);
        when(stories.assign(any(), any(), anyBoolean())).thenAnswer(call -> ((List<ArticleIngested>) call.getArgument(0))
                .stream().map(a -> a.withStoryId(a.articleId())).toList());
        return stories;
    }

    @Test
    void refusesToPublishWhileTheFirstSeenIndexIsStillReading() {
        when(firstSeen.isCaughtUp()).thenReturn(false);
        assertThatThrownBy(() -> ingestPage.ingest(frontPage(), "steppe-daily", false))
                .isInstanceOfSatisfying(PageRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(e.headers().getFirst("Retry-After")).isEqualTo("5");
                });
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
    void refusesThePageAndPublishesNothingWhenTheStoryIndexDoesNotAnswer() {
        when(firstSeen.isCaughtUp()).thenReturn(true);
        doThrow(new IllegalStateException("no MongoDB")).when(stories).assign(any(), any(), anyBoolean());

        assertThatThrownBy(() -> ingestPage.ingest(frontPage(), "steppe-daily", false))
                .isInstanceOfSatisfying(PageRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(e.reason()).isEqualTo("stories_unavailable");
                    assertThat(e.headers().getFirst("Retry-After")).isEqualTo("5");
                });
        verify(publisher, never()).publish(any(), any());
    }

    @Test
    void groupsStoriesOnADryRunWithoutStoringThem() {
        when(firstSeen.isCaughtUp()).thenReturn(true);

        PageIngestion dryRun = ingestPage.ingest(frontPage(), "steppe-daily", true);

        verify(stories).assign(any(), any(), eq(false));
        assertThat(dryRun.articles()).allSatisfy(a -> assertThat(a.event().storyId()).isEqualTo(a.event().articleId()));
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
    void handsAnotherWritersPageTheSameEventsThePageEndpointPublishes() {
        when(firstSeen.isCaughtUp()).thenReturn(true);
        List<PageEvents> written = new ArrayList<>();

        PageIngestion viaWriter = ingestPage.ingest(frontPage(), "steppe-daily", written::add);
        PageIngestion viaEndpoint = ingestPage.ingest(frontPage(), "steppe-daily", false);

        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<ArticleIngested>> articles = ArgumentCaptor.forClass(List.class);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<RateQuoted>> quotes = ArgumentCaptor.forClass(List.class);
        verify(publisher).publish(articles.capture(), quotes.capture());
        assertThat(written).singleElement().satisfies(events -> {
            assertThat(events.source()).isEqualTo("steppe-daily");
            assertThat(events.articles()).isEqualTo(articles.getValue()).hasSize(5);
            assertThat(events.quotes()).isEqualTo(quotes.getValue()).isNotEmpty();
        });
        assertThat(viaWriter).isEqualTo(viaEndpoint);
        verify(stories, times(2)).assign(any(), any(), eq(true));
    }

    @Test
    void reportsAnotherWritersFailureAsAPublishFailure() {
        when(firstSeen.isCaughtUp()).thenReturn(true);

        assertThatThrownBy(() -> ingestPage.ingest(frontPage(), "steppe-daily", events -> {
            throw new IllegalStateException("Kafka did not commit the fetch's events: TimeoutException");
        })).isInstanceOfSatisfying(PublishFailedException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(e.getMessage()).contains("TimeoutException", "Nothing of this page was published");
        });
        verify(firstSeen, never()).recordSighting(anyString(), any());
        verify(publisher, never()).publish(any(), any());
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

    /** 10:30 UTC on 16 March is already 00:30 on 17 March at UTC+14, the earliest time zone. */
    private static final Instant JUST_AFTER_MIDNIGHT_AT_UTC_PLUS_14 = Instant.parse("2026-03-16T10:30:00Z");

    @Test
    void acceptsAPageDatedTodayAtUtcPlus14ThoughItIsStillYesterdayInUtc() {
        when(firstSeen.isCaughtUp()).thenReturn(true);
        PageIngestion ingestion = ingestPageAt(JUST_AFTER_MIDNIGHT_AT_UTC_PLUS_14)
                .ingest(pageDated("17 March 2026"), "steppe-daily", false);
        assertThat(ingestion.publishedOn()).isEqualTo(LocalDate.of(2026, 3, 17));
        verify(publisher).publish(any(), any());
    }

    @Test
    void refusesAPageDatedTheDayAfterTodayAtUtcPlus14AndPublishesNothing() {
        when(firstSeen.isCaughtUp()).thenReturn(true);
        assertThatThrownBy(() -> ingestPageAt(JUST_AFTER_MIDNIGHT_AT_UTC_PLUS_14)
                .ingest(pageDated("18 March 2026"), "steppe-daily", false))
                .isInstanceOfSatisfying(PageRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
                    assertThat(e.reason()).isEqualTo("future_date");
                    assertThat(e.getMessage()).contains("date line says 2026-03-18", "in the future",
                            "2026-03-17, today at UTC+14");
                });
        verify(publisher, never()).publish(any(), any());
    }

    @Test
    void refusesAFutureDateOnADryRunToo() {
        assertThatThrownBy(() -> ingestPage.ingest(pageDated("14 March 2099"), "steppe-daily", true))
                .isInstanceOfSatisfying(PageRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo("future_date"));
    }

    @Test
    void refusesAnArticleWhoseOwnDateLineIsInTheFuture() {
        when(firstSeen.isCaughtUp()).thenReturn(true);
        String page = """
                16 March 2026

                Almaty Opens a Library in an Old Tram Depot
                16 March 2126

                ALMATY – The library keeps the rails in its reading room floor.
                """;
        assertThatThrownBy(() -> ingestPage.ingest(page.getBytes(StandardCharsets.UTF_8), "steppe-daily", false))
                .isInstanceOfSatisfying(PageRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo("future_date");
                    assertThat(e.getMessage()).contains("Almaty Opens a Library", "(line 3)", "2126-03-16");
                });
        verify(publisher, never()).publish(any(), any());
    }

    @Test
    void refusesAPageWithMoreLinesThanAllowedBeforeParsingIt() {
        when(firstSeen.isCaughtUp()).thenReturn(true);
        byte[] page = ("Almaty Opens a Library\n\nALMATY – It opened." + "\u00a0\n".repeat(1_000))
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ingestPage.ingest(page, "steppe-daily", false))
                .isInstanceOfSatisfying(PageRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
                    assertThat(e.reason()).isEqualTo("too_many_lines");
                    assertThat(e.getMessage()).contains("1002 lines", "at most 1000", "max-page-lines");
                });
        verify(publisher, never()).publish(any(), any());
    }

    @Test
    void refusesAPageWithMoreArticlesThanAllowedBeforeTaggingThem() {
        StringBuilder page = new StringBuilder("16 March 2026\n\n");
        for (int i = 1; i <= 11; i++) {
            page.append("Report Number ").append(i).append(" From Almaty\n\nALMATY – Item ").append(i).append(".\n\n");
        }
        assertThatThrownBy(() -> ingestPage.ingest(page.toString().getBytes(StandardCharsets.UTF_8), "steppe-daily", true))
                .isInstanceOfSatisfying(PageRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo("too_many_articles");
                    assertThat(e.getMessage()).contains("11 articles", "at most 10", "max-page-articles");
                });
    }

    @Test
    void dropsAQuoteWhoseCanonicalFormIsRefusedAndSaysSoOnItsLine() {
        when(firstSeen.isCaughtUp()).thenReturn(true);
        // USD/KZT is inverted to KZT/USD; a reported change of -100% has no inverse.
        String page = "• USD/KZT = 500.0 -100%\n• KGS/USD = 0.01150 0%\n16 March 2026\n\n"
                + "Almaty Opens a Library in an Old Tram Depot\n\nALMATY – The library keeps the rails.\n";

        PageIngestion ingestion = ingestPage.ingest(page.getBytes(StandardCharsets.UTF_8), "steppe-daily", true);

        assertThat(ingestion.quotes()).extracting(RateQuoted::pair).containsExactly("KGS/USD");
        assertThat(ingestion.lines().getFirst().reason()).contains("not published", "-100%");
        assertThat(ingestion.articles()).hasSize(1);
    }

    private static byte[] pageDated(String date) {
        return (date + "\n\nAlmaty Opens a Library in an Old Tram Depot\n\n"
                + "ALMATY – The library keeps the rails in its reading room floor.\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] frontPage() {
        return Pages.read(Pages.STEPPE_DAILY_FRONT_PAGE).getBytes(StandardCharsets.UTF_8);
    }
}

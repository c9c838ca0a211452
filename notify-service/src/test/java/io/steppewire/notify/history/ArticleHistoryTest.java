package io.steppewire.notify.history;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.steppewire.notify.matching.Backtest;
import io.steppewire.notify.subscription.Rules;
import io.steppewire.query.QueryParser;
import io.steppewire.notify.support.InMemoryMongo;
import io.steppewire.notify.support.Stories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The backtest reads only the stored articles that could match, and evaluates single-word queries in the store exactly. */
class ArticleHistoryTest {

    private static final MongoClient CLIENT = MongoClients.create(InMemoryMongo.uri());
    private static final Instant FROM = Stories.MORNING.minus(Duration.ofHours(1));
    private static final Instant TO = Stories.MORNING.plus(Duration.ofHours(1));

    private final ArticleHistory history = new ArticleHistory(new MongoTemplate(CLIENT, "article-history-" + System.nanoTime()),
            new HistoryProperties(Duration.ofDays(35), Set.of()), Clock.fixed(TO, ZoneOffset.UTC));

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void aQueryOfWordsIsEvaluatedOnTheStoredWordsWithoutReadingTheText() {
        history.rememberAll(List.of(Stories.kazakhGrainHarvest(), Stories.caspianFerry(), Stories.tajikDam()));

        List<Backtest.StoredArticle> found = history.candidatesBetween(FROM, TO, query("(harvest OR ferry) AND NOT baku"));

        assertThat(found).extracting(Backtest.StoredArticle::title).containsExactly(Stories.kazakhGrainHarvest().title());
        assertThat(found).allSatisfy(article -> assertThat(article.full()).isNull());
    }

    @Test
    void aQueryWithAPhraseReadsTheCandidatesWholeToMatchTheirText() {
        history.rememberAll(List.of(Stories.kazakhGrainHarvest(), Stories.caspianFerry(), Stories.tajikDam()));

        List<Backtest.StoredArticle> found = history.candidatesBetween(FROM, TO, query("\"record wheat harvest\""));

        assertThat(found).singleElement().satisfies(article -> assertThat(article.full()).isEqualTo(Stories.kazakhGrainHarvest()));
    }

    @Test
    void conditionsNarrowTheReadAndPeriodBoundsIt() {
        history.rememberAll(List.of(Stories.kazakhGrainHarvest(), Stories.caspianFerry(), Stories.tajikDam()));

        assertThat(history.candidatesBetween(FROM, TO, new Rules(Set.of("AZ", "TJ"), Set.of(), Set.of(), null, null, List.of())))
                .extracting(Backtest.StoredArticle::title).containsExactlyInAnyOrder(Stories.caspianFerry().title(), Stories.tajikDam().title());
        assertThat(history.candidatesBetween(FROM, TO, new Rules(Set.of(), Set.of(), Set.of("barqi tojik"), null, null, List.of())))
                .extracting(Backtest.StoredArticle::title).containsExactly(Stories.tajikDam().title());
        assertThat(history.candidatesBetween(TO, TO.plusSeconds(60), new Rules(Set.of("KZ"), Set.of(), Set.of(), null, null, List.of()))).isEmpty();
    }

    private static Rules query(String text) {
        return new Rules(Set.of(), Set.of(), Set.of(), text, QueryParser.parse(text), List.of());
    }
}

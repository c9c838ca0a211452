package io.steppewire.notify.alerting;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.steppewire.events.alert.ArticleSummary;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.notify.support.InMemoryMongo;
import io.steppewire.notify.support.Stories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate changes close together share one look-up of the related news, which never hides what this instance just stored. */
class RecentArticlesTest {

    private static final MongoClient CLIENT = MongoClients.create(InMemoryMongo.uri());
    private static final AlertProperties PROPERTIES = new AlertProperties(5, Duration.ofDays(14), Duration.ofSeconds(30), Duration.ofSeconds(1));

    private final MongoTemplate store = new MongoTemplate(CLIENT, "recent-" + System.nanoTime());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-14T09:00:00Z"));
    private final RecentArticles here = new RecentArticles(store, PROPERTIES, clock);
    private final RecentArticles elsewhere = new RecentArticles(store, PROPERTIES, clock);

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void articlesStoredElsewhereShowWithinTheMaxAgeAndOnesStoredHereAtOnce() {
        ArticleIngested first = kazakh("Astana Opens a New Rail Terminal");
        here.rememberAll(List.of(first));
        assertThat(ids(here.recentlyAbout(List.of("KZ")))).containsExactly(first.articleId());

        ArticleIngested second = kazakh("Almaty Metro Adds Two Stations");
        elsewhere.rememberAll(List.of(second));
        clock.advance(Duration.ofMillis(900));
        assertThat(ids(here.recentlyAbout(List.of("KZ")))).containsExactly(first.articleId());
        clock.advance(Duration.ofMillis(200));
        assertThat(ids(here.recentlyAbout(List.of("KZ")))).containsExactlyInAnyOrder(first.articleId(), second.articleId());

        ArticleIngested third = kazakh("Shymkent Hosts a Melon Fair");
        here.rememberAll(List.of(third));
        assertThat(ids(here.recentlyAbout(List.of("KZ")))).contains(third.articleId());
    }

    private static ArticleIngested kazakh(String title) {
        return Stories.article(title, "ASTANA – " + title + ".", List.of("KZ"), List.of("economy"), List.of());
    }

    private static List<String> ids(List<ArticleSummary> articles) {
        return articles.stream().map(ArticleSummary::id).toList();
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

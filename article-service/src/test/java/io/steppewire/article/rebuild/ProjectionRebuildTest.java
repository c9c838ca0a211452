package io.steppewire.article.rebuild;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.steppewire.article.ArticleServiceApplication;
import io.steppewire.article.support.EmbeddedStore;
import io.steppewire.article.support.Newsroom;
import io.steppewire.article.support.ServiceTest;
import io.steppewire.article.support.TransactionalIngest;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateQuoted;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProjectionRebuildTest extends ServiceTest {

    @Autowired
    ProjectionRebuild rebuild;

    @Autowired
    MongoDatabase database;

    @Test
    void restoresADamagedProjectionFromTheTopicsAndReportsItsProgress() {
        ArticleIngested story = Newsroom.story("rebuild-chronicle", "Chronicle Archive Goes Online",
                "SEMEY - Fifty years of the chronicle can now be read on the web.").about("KZ").event();
        RateQuoted quote = RateQuoted.fromQuote("MNT/USD", new BigDecimal("0.000293"), null,
                Instant.parse("2026-03-14T00:00:00Z"), "rebuild-chronicle", null, Instant.parse("2026-03-14T00:00:00Z"));
        publisher.publish(Topics.ARTICLES, story.articleId(), story.articleId(), story);
        publisher.publish(Topics.QUOTES, quote.pair(), quote.quoteId(), quote);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(api.get("/api/articles/" + story.articleId()).status()).isEqualTo(200);
            assertThat(api.get("/api/rates/MNT-USD/history").status()).isEqualTo(200);
        });

        database.getCollection("articles").deleteOne(Filters.eq("_id", story.articleId()));
        database.getCollection("rate_latest").deleteOne(Filters.eq("_id", "MNT/USD"));
        assertThat(api.get("/api/articles/" + story.articleId()).status()).isEqualTo(404);

        List<String> progress = new ArrayList<>();
        ProjectionRebuild.Result result = rebuild.rebuild(progress::add);

        assertThat(api.get("/api/articles/" + story.articleId()).status()).isEqualTo(200);
        assertThat(api.get("/api/rates/MNT-USD/history").body().path("items")).hasSize(1);
        assertThat(result.events()).isGreaterThanOrEqualTo(2);
        assertThat(progress.getFirst()).startsWith("rebuild: resetting the projection; replaying");
        assertThat(progress).anySatisfy(line -> assertThat(line)
                .matches("rebuild: [\\d,]+ / [\\d,]+ events \\(100\\.0%\\), [\\d,]+ events/s, about \\d+ s left"));
        assertThat(progress.getLast()).startsWith("rebuild: done in");
    }

    @Test
    void replaysOnlyCommittedArticlesAndStillReportsTheWholeReplay() {
        ArticleIngested aborted = Newsroom.story("rebuild-courier", "Courier Pulls an Unchecked Story",
                "KARAKOL - The editor stopped it at the last minute.").about("KG").event();
        ArticleIngested committed = Newsroom.story("rebuild-courier", "Courier Checks Its Facts Twice",
                "KARAKOL - A second editor now reads every story.").about("KG").event();
        TransactionalIngest.abortThenCommit(brokers, aborted, committed);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/articles/" + committed.articleId()).status() == 200);

        List<String> progress = new ArrayList<>();
        rebuild.rebuild(progress::add);

        assertThat(api.get("/api/articles/" + committed.articleId()).status()).isEqualTo(200);
        assertThat(api.get("/api/articles/" + aborted.articleId()).status()).isEqualTo(404);
        // The transaction markers and the aborted record take offsets that are never read as records.
        assertThat(progress).anySatisfy(line -> assertThat(line).contains("events (100.0%)"));
    }

    @Test
    void runsAsACommandOfTheSameApplicationAndExitsWithZero() {
        ArticleIngested story = Newsroom.story("rebuild-chronicle", "Chronicle Opens a Reading Room",
                "SEMEY - Readers may now browse the printed archive.").about("KZ").event();
        publisher.publish(Topics.ARTICLES, story.articleId(), story.articleId(), story);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/articles/" + story.articleId()).status() == 200);
        database.getCollection("articles").deleteOne(Filters.eq("_id", story.articleId()));

        int exitCode = RebuildCommand.run(ArticleServiceApplication.class, new String[] {RebuildCommand.ARGUMENT,
                "--spring.kafka.bootstrap-servers=" + brokers, "--spring.mongodb.uri=" + EmbeddedStore.uri(),
                "--steppewire.topics.partitions=2", "--spring.jmx.enabled=false"});

        assertThat(exitCode).isZero();
        assertThat(api.get("/api/articles/" + story.articleId()).status()).isEqualTo(200);
    }
}

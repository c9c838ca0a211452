package io.steppewire.article.rebuild;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.steppewire.article.ArticleServiceApplication;
import io.steppewire.article.articles.ArticleStore;
import io.steppewire.article.rates.RateStore;
import io.steppewire.article.store.Generation;
import io.steppewire.article.store.ProjectionGenerations;
import io.steppewire.article.support.EmbeddedStore;
import io.steppewire.article.support.Newsroom;
import io.steppewire.article.support.ServiceTest;
import io.steppewire.article.support.TransactionalIngest;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateQuoted;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ConsumerFactory;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

class ProjectionRebuildTest extends ServiceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<String> EVERY_COLLECTION = Stream.concat(ArticleStore.COLLECTIONS.stream(),
            RateStore.COLLECTIONS.stream()).toList();

    @Autowired
    ProjectionRebuild rebuild;

    @Autowired
    MongoDatabase database;

    @Autowired
    ProjectionGenerations generations;

    @Autowired
    ConsumerFactory<String, byte[]> consumers;

    @Autowired
    ArticleStore articles;

    @Autowired
    RateStore rates;

    /** A rebuild that reads three records per poll and reports after every poll: each step of its replay is seen. */
    private ProjectionRebuild stepByStep() {
        return new ProjectionRebuild(consumers, articles, rates, generations,
                new RebuildProperties(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 3));
    }

    private String readersCollection(String base) {
        return generations.current().active().collection(base);
    }

    private void publishAndAwait(ArticleIngested... stories) {
        for (ArticleIngested story : stories) {
            publisher.publish(Topics.ARTICLES, story.articleId(), story.articleId(), story);
        }
        for (ArticleIngested story : stories) {
            await().atMost(PATIENCE).until(() -> api.get("/api/articles/" + story.articleId()).status() == 200);
        }
    }

    private List<String> titles(String query) {
        return api.get("/api/articles?" + query + "&limit=100").texts("items", "title");
    }

    private static List<ArticleIngested> almanac(String source, int entries) {
        List<ArticleIngested> stories = new ArrayList<>();
        for (int n = 1; n <= entries; n++) {
            stories.add(Newsroom.story(source, "Almanac Entry " + n + " of " + source, "OSH - The almanac records day " + n + ".")
                    .publishedOn("2026-01-0" + n).about("KG").event());
        }
        return stories;
    }

    @Test
    void restoresADamagedProjectionFromTheTopicsAndReportsItsProgress() {
        ArticleIngested story = Newsroom.story("rebuild-chronicle", "Chronicle Archive Goes Online",
                "SEMEY - Fifty years of the chronicle can now be read on the web.").about("KZ").event();
        RateQuoted quote = RateQuoted.fromQuote("MNT/USD", new BigDecimal("0.000293"), null,
                Instant.parse("2026-03-14T00:00:00Z"), "rebuild-chronicle", null, Instant.parse("2026-03-14T00:00:00Z"));
        publisher.publish(Topics.ARTICLES, story.articleId(), story.articleId(), story);
        publisher.publish(Topics.QUOTES, quote.pair(), quote.quoteId(), quote);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(api.get("/api/articles/" + story.articleId()).status()).isEqualTo(200);
            assertThat(api.get("/api/rates/MNT-USD/history").status()).isEqualTo(200);
        });

        database.getCollection(readersCollection("articles")).deleteOne(Filters.eq("_id", story.articleId()));
        database.getCollection(readersCollection("rate_latest")).deleteOne(Filters.eq("_id", "MNT/USD"));
        assertThat(api.get("/api/articles/" + story.articleId()).status()).isEqualTo(404);

        List<String> progress = new ArrayList<>();
        ProjectionRebuild.Result result = rebuild.rebuild(progress::add);

        assertThat(api.get("/api/articles/" + story.articleId()).status()).isEqualTo(200);
        assertThat(api.get("/api/rates/MNT-USD/history").body().path("items")).hasSize(1);
        assertThat(result.events()).isGreaterThanOrEqualTo(2);
        assertThat(progress.getFirst()).matches("rebuild: building generation \\d+ beside generation \\d+, which readers keep "
                + "using meanwhile; replaying [\\d,]+ events from 6 partitions");
        assertThat(progress).anySatisfy(line -> assertThat(line)
                .matches("rebuild: [\\d,]+ / [\\d,]+ events \\(100\\.0%\\), [\\d,]+ events/s, about \\d+ s left"));
        assertThat(progress).anySatisfy(line -> assertThat(line).matches("rebuild: readers switched from generation \\d+ to generation \\d+"));
        assertThat(progress.getLast()).startsWith("rebuild: done in");
    }

    @Test
    void rebuildsStoriesAndDailyRatesWithTheRestOfTheReadModel() {
        ArticleIngested first = Newsroom.story("rebuild-courier", "Courier Opens a Bureau in Termez",
                "TERMEZ - The bureau opened on Monday.").publishedOn("2026-03-09").event();
        ArticleIngested retold = Newsroom.story("rebuild-post", "Termez Gets a Courier Bureau",
                "TERMEZ - A bureau of the courier opened on Monday.").publishedOn("2026-03-09").inStory(first.articleId()).event();
        RateQuoted quote = RateQuoted.fromQuote("IRR/USD", new BigDecimal("0.0000238"), null,
                Instant.parse("2026-03-09T00:00:00Z"), "rebuild-courier", null, Instant.parse("2026-03-09T00:00:00Z"));
        publishAndAwait(first, retold);
        publisher.publish(Topics.QUOTES, quote.pair(), quote.quoteId(), quote);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(api.get("/api/stories/" + first.articleId()).texts("items", "id")).hasSize(2);
            assertThat(api.get("/api/rates/IRR-USD/daily").body().path("items")).hasSize(1);
        });

        database.getCollection(readersCollection("article_stories")).drop();
        database.getCollection(readersCollection("rate_history")).drop();
        assertThat(api.get("/api/stories/" + first.articleId()).texts("items", "id")).containsExactly(first.articleId());
        assertThat(api.get("/api/rates/IRR-USD/daily").body().path("items")).isEmpty();

        rebuild.rebuild(line -> { });

        assertThat(api.get("/api/stories/" + first.articleId()).texts("items", "id"))
                .containsExactlyInAnyOrder(first.articleId(), retold.articleId());
        assertThat(api.get("/api/stories/" + first.articleId()).body().path("sources").valueStream().map(JsonNode::asString))
                .containsExactly("rebuild-courier", "rebuild-post");
        assertThat(api.get("/api/rates/IRR-USD/daily").body().path("items").get(0).path("close").path("rate").asString())
                .isEqualTo("0.0000238");
    }

    @Test
    void dropsTheGenerationItReplacedAndLeavesNoOtherBehind() {
        publishAndAwait(Newsroom.story("rebuild-ledger", "Ledger Moves to a New Press", "TARAZ - The ledger moved.").event());
        Generation before = generations.current().active();

        rebuild.rebuild(line -> { });

        Generation after = generations.current().active();
        assertThat(after.number()).isGreaterThan(before.number());
        assertThat(generations.current().building()).isNull();
        assertThat(generations.present(EVERY_COLLECTION)).containsExactly(after);
        assertThat(database.listCollectionNames().into(new ArrayList<>()))
                .contains(after.collection("articles"), after.collection("article_terms"), after.collection("rate_history"))
                .doesNotContainAnyElementsOf(EVERY_COLLECTION.stream().map(before::collection).toList());
    }

    @Test
    void answersWithEveryArticleStoredBeforeItAtEveryStepOfTheRebuild() {
        List<ArticleIngested> stories = almanac("rebuild-almanac", 7);
        publishAndAwait(stories.toArray(ArticleIngested[]::new));
        List<String> stored = stories.stream().map(ArticleIngested::title).toList();
        await().atMost(PATIENCE).until(() -> titles("source=rebuild-almanac&q=almanac").containsAll(stored));

        List<String> incomplete = new ArrayList<>();
        AtomicInteger replaySteps = new AtomicInteger();
        stepByStep().rebuild(line -> {
            if (line.matches("rebuild: [\\d,]+ / [\\d,]+ events \\((?!100\\.0%).*")) {
                replaySteps.incrementAndGet();
            }
            List<String> listed = titles("source=rebuild-almanac");
            List<String> found = titles("source=rebuild-almanac&q=almanac");
            List<String> byCountry = titles("country=KG&from=2026-01-01&to=2026-01-09");
            if (!listed.containsAll(stored) || !found.containsAll(stored) || !byCountry.containsAll(stored)
                    || stories.stream().anyMatch(story -> api.get("/api/articles/" + story.articleId()).status() != 200)) {
                incomplete.add("after '" + line + "': listed " + listed + ", found " + found + ", by country " + byCountry);
            }
        });

        assertThat(incomplete).isEmpty();
        assertThat(replaySteps.get()).as("progress lines before the replay's end").isGreaterThanOrEqualTo(2);
    }

    @Test
    void keepsWhatTheLiveProjectionStoresWhileItRebuilds() {
        publishAndAwait(almanac("rebuild-gazette", 7).toArray(ArticleIngested[]::new));
        ArticleIngested beforeTheReplay = Newsroom.story("rebuild-gazette", "Gazette Hires a Night Editor",
                "TURKESTAN - The night desk opens at ten.").about("KZ").event();
        ArticleIngested duringTheReplay = Newsroom.story("rebuild-gazette", "Gazette Prints in Colour",
                "TURKESTAN - The first colour edition sold out.").about("KZ").event();
        RateQuoted quote = RateQuoted.fromQuote("AMD/USD", new BigDecimal("0.002577"), null,
                Instant.parse("2026-03-15T00:00:00Z"), "rebuild-gazette", null, Instant.parse("2026-03-15T00:00:00Z"));

        List<String> progress = new ArrayList<>();
        stepByStep().rebuild(line -> {
            progress.add(line);
            if (progress.size() == 1) {
                // The new generation is marked and the end offsets are taken: only the live projection has these.
                publishAndAwait(beforeTheReplay);
                publisher.publish(Topics.QUOTES, quote.pair(), quote.quoteId(), quote);
                await().atMost(PATIENCE).until(() -> api.get("/api/rates/AMD-USD/history").status() == 200);
            } else if (progress.size() == 2) {
                publishAndAwait(duringTheReplay);
            }
        });

        assertThat(progress.get(1)).as("the second line is one of the replay's").doesNotContain("(100.0%)").contains(" events (");
        for (ArticleIngested story : List.of(beforeTheReplay, duringTheReplay)) {
            assertThat(api.get("/api/articles/" + story.articleId()).status()).isEqualTo(200);
        }
        assertThat(titles("source=rebuild-gazette&q=gazette")).contains(beforeTheReplay.title(), duringTheReplay.title());
        assertThat(titles("source=rebuild-gazette&country=KZ")).containsExactlyInAnyOrder(beforeTheReplay.title(), duringTheReplay.title());
        assertThat(api.get("/api/rates/AMD-USD/history").body().path("items")).hasSize(1);
    }

    @Test
    void givesWayToARebuildThatTakesOverAndDropsWhatItHadBuilt() {
        ArticleIngested story = Newsroom.story("rebuild-herald", "Herald Opens a Reading Room", "AKTOBE - Readers come in.").event();
        publishAndAwait(story);
        AtomicReference<Generation> takenOver = new AtomicReference<>();
        AtomicReference<Generation> builtByTheOther = new AtomicReference<>();

        Throwable stopped = catchThrowable(() -> stepByStep().rebuild(line -> {
            if (takenOver.get() == null) {
                takenOver.set(generations.current().building());
                rebuild.rebuild(otherLine -> { });
                builtByTheOther.set(generations.current().active());
            }
        }));

        assertThat(stopped).isInstanceOf(IllegalStateException.class).hasMessageContaining("taken over");
        assertThat(builtByTheOther.get().number()).isGreaterThan(takenOver.get().number());
        assertThat(generations.current().active()).isEqualTo(builtByTheOther.get());
        assertThat(generations.current().building()).isNull();
        assertThat(generations.present(EVERY_COLLECTION)).containsExactly(builtByTheOther.get());
        assertThat(api.get("/api/articles/" + story.articleId()).status()).isEqualTo(200);
    }

    @Test
    void replaysOnlyCommittedArticlesAndStillReportsTheWholeReplay() {
        ArticleIngested aborted = Newsroom.story("rebuild-courier", "Courier Pulls an Unchecked Story",
                "KARAKOL - The editor stopped it at the last minute.").about("KG").event();
        ArticleIngested committed = Newsroom.story("rebuild-courier", "Courier Checks Its Facts Twice",
                "KARAKOL - A second editor now reads every story.").about("KG").event();
        TransactionalIngest.abortThenCommit(brokers, aborted, committed);
        await().atMost(PATIENCE).until(() -> api.get("/api/articles/" + committed.articleId()).status() == 200);

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
        publishAndAwait(story);
        database.getCollection(readersCollection("articles")).deleteOne(Filters.eq("_id", story.articleId()));
        Generation before = generations.current().active();

        int exitCode = RebuildCommand.run(ArticleServiceApplication.class, new String[] {RebuildCommand.ARGUMENT,
                "--spring.kafka.bootstrap-servers=" + brokers, "--spring.mongodb.uri=" + EmbeddedStore.uri(),
                "--steppewire.topics.partitions=2", "--spring.jmx.enabled=false", "--steppewire.rebuild.retire-delay=2s"});

        assertThat(exitCode).isZero();
        assertThat(generations.current().active().number()).isGreaterThan(before.number());
        // This instance switches its readers at its next look-up, within steppewire.store.generation-refresh.
        await().atMost(PATIENCE).until(() -> api.get("/api/articles/" + story.articleId()).status() == 200);
    }
}

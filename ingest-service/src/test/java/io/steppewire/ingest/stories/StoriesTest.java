package io.steppewire.ingest.stories;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.steppewire.events.EventIds;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.article.BodyBlock;
import io.steppewire.ingest.sources.support.InMemoryMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Story grouping against the module's in-process MongoDB stand-in, one fresh database per test. */
class StoriesTest {

    private static final Instant NOW = Instant.parse("2026-03-17T08:00:00Z");
    private static final StoriesProperties DEFAULTS = new StoriesProperties(0.42, 100, 2, Duration.ofDays(7), 500);
    private static MongoClient client;

    private final MongoTemplate mongo = new MongoTemplate(client, "stories-" + UUID.randomUUID());
    private final Stories stories = new Stories(new StoryIndex(mongo), DEFAULTS);

    private static final ArticleIngested TENGE_WIRE = article("wire", "tenge/1/a");
    private static final ArticleIngested TENGE_RETOLD = article("daily", "tenge/1/b");
    private static final ArticleIngested TENGE_TRIMMED = article("feed", "tenge/1/c");
    private static final ArticleIngested RATE_RISE = article("daily", "tenge/2/a");

    @BeforeAll
    static void connect() {
        client = MongoClients.create(InMemoryMongo.uri());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void groupsAStoryRetoldByOtherSourcesUnderTheFirstArticlesId() {
        ArticleIngested first = only(stories.assign(List.of(TENGE_WIRE), NOW, true));
        ArticleIngested retold = only(stories.assign(List.of(TENGE_RETOLD), NOW.plusSeconds(60), true));
        ArticleIngested trimmed = only(stories.assign(List.of(TENGE_TRIMMED), NOW.plusSeconds(120), true));

        assertThat(first.storyId()).isEqualTo(TENGE_WIRE.articleId());
        assertThat(retold.storyId()).isEqualTo(TENGE_WIRE.articleId());
        assertThat(trimmed.storyId()).isEqualTo(TENGE_WIRE.articleId());
    }

    @Test
    void keepsAnotherStoryOnTheSameTopicApart() {
        stories.assign(List.of(TENGE_WIRE), NOW, true);

        assertThat(only(stories.assign(List.of(RATE_RISE), NOW, true)).storyId()).isEqualTo(RATE_RISE.articleId());
    }

    @Test
    void answersAReIngestAndARevisionWithTheStoryTheArticleAlreadyHas() {
        stories.assign(List.of(TENGE_WIRE), NOW, true);
        stories.assign(List.of(TENGE_RETOLD), NOW, true);
        ArticleIngested revised = new ArticleIngested(TENGE_RETOLD.articleId(), "daily", "sighting-2", null,
                "Correction: Budget Talks Resume in Astana", List.of(BodyBlock.paragraph("Lawmakers reopened talks on"
                        + " the spending plan for schools, roads and hospitals after a week of disputes over pensions.")),
                LocalDate.of(2026, 3, 17), NOW, NOW, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

        assertThat(only(stories.assign(List.of(TENGE_RETOLD), NOW.plus(Duration.ofDays(30)), true)).storyId())
                .isEqualTo(TENGE_WIRE.articleId());
        assertThat(only(stories.assign(List.of(revised), NOW, true)).storyId()).isEqualTo(TENGE_WIRE.articleId());
    }

    @Test
    void groupsNearDuplicatesOfOneBatchInPageOrder() {
        List<ArticleIngested> grouped = stories.assign(List.of(TENGE_RETOLD, RATE_RISE, TENGE_WIRE), NOW, true);

        assertThat(grouped).extracting(ArticleIngested::storyId).containsExactly(TENGE_RETOLD.articleId(),
                RATE_RISE.articleId(), TENGE_RETOLD.articleId());
    }

    @Test
    void storesNothingOnADryRun() {
        List<ArticleIngested> dryRun = stories.assign(List.of(TENGE_WIRE, TENGE_RETOLD), NOW, false);

        assertThat(dryRun).extracting(ArticleIngested::storyId).containsOnly(TENGE_WIRE.articleId());
        assertThat(mongo.getCollection(StoryIndex.COLLECTION).countDocuments()).isZero();
    }

    @Test
    void agreesAcrossInstancesSharingTheDatabase() {
        Stories otherInstance = new Stories(new StoryIndex(mongo), DEFAULTS);

        stories.assign(List.of(TENGE_WIRE), NOW, true);

        assertThat(only(otherInstance.assign(List.of(TENGE_RETOLD), NOW, true)).storyId())
                .isEqualTo(TENGE_WIRE.articleId());
    }

    @Test
    void keepsTheStoryAnotherInstanceRecordedFirst() {
        StoryIndex index = new StoryIndex(mongo);
        index.record(List.of(new StoryIndex.Grouped(TENGE_RETOLD.articleId(), "0123456789abcdef0123456789abcdef", null,
                List.of())), NOW);

        assertThat(only(stories.assign(List.of(TENGE_RETOLD), NOW, true)).storyId())
                .isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void doesNotContinueAStoryOlderThanTheWindow() {
        stories.assign(List.of(TENGE_WIRE), NOW, true);

        ArticleIngested weeksLater = only(stories.assign(List.of(TENGE_RETOLD), NOW.plus(Duration.ofDays(8)), true));

        assertThat(weeksLater.storyId()).isEqualTo(TENGE_RETOLD.articleId());
    }

    @Test
    void keepsABareHeadlineAsItsOwnStory() {
        ArticleIngested bare = new ArticleIngested(EventIds.article("feed", "Tenge Falls", ""), "feed", "p", null,
                "Tenge Falls", List.of(), LocalDate.of(2026, 3, 17), NOW, NOW, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of());
        stories.assign(List.of(TENGE_WIRE), NOW, true);

        assertThat(only(stories.assign(List.of(bare), NOW, true)).storyId()).isEqualTo(bare.articleId());
    }

    private static ArticleIngested only(List<ArticleIngested> articles) {
        assertThat(articles).hasSize(1);
        return articles.getFirst();
    }

    private static ArticleIngested article(String source, String corpusName) {
        StoryCorpus.Version version = StoryCorpus.versions().stream().filter(v -> v.name().equals(corpusName))
                .findFirst().orElseThrow();
        String id = EventIds.article(source, version.title(), version.paragraphs().getFirst());
        return new ArticleIngested(id, source, "page-" + source, null, version.title(),
                version.paragraphs().stream().map(BodyBlock::paragraph).toList(), LocalDate.of(2026, 3, 17), NOW,
                NOW, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}

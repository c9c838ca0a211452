package io.steppewire.article.articles;

import io.steppewire.article.query.ArticleCursor;
import io.steppewire.article.support.Newsroom;
import io.steppewire.events.article.ArticleIngested;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A story's articles on the embedded store: bounded documents, moved articles, pages (here 3 members per document). */
class StoryListingTest extends ListingOnEmbeddedStore {

    private static final int MEMBERS_PER_BUCKET = 3;

    @Override
    protected PostingLimits limits() {
        return new PostingLimits(PostingLimits.DEFAULT.chunkIdsPerBucket(), PostingLimits.DEFAULT.chunkChars(), MEMBERS_PER_BUCKET);
    }

    private static ArticleIngested retelling(int number, String story) {
        return Newsroom.story("wire-" + number % 4, "Retelling number " + number + " of the dam story",
                "NUREK - The dam story, told for the " + number + ". time.").publishedOn("2026-05-%02d".formatted(1 + number % 28))
                .firstSeenAt("2026-05-%02dT%02d:00:00Z".formatted(1 + number % 28, number % 24)).inStory(story).event();
    }

    private List<String> allPages(String story, int pageSize) {
        List<String> ids = new ArrayList<>();
        ArticleCursor after = null;
        for (int pages = 0; pages < 100; pages++) {
            StoryPage page = store.story(story, after, pageSize).orElseThrow();
            page.items().forEach(item -> ids.add(item.id()));
            if (page.nextCursor() == null) {
                return ids;
            }
            after = ArticleCursor.decode(page.nextCursor());
        }
        throw new AssertionError("the story did not end");
    }

    @Test
    void spreadsAStoryOfManyArticlesOverDocumentsOfBoundedSize() {
        String story = "ab".repeat(16);
        List<ArticleIngested> retellings = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            retellings.add(retelling(i, story));
            if (retellings.size() == 2) {
                store.upsertAll(retellings);
                retellings.clear();
            }
        }

        List<Document> documents = new ArrayList<>();
        database.getCollection(StoryMembers.COLLECTION).find().forEach(documents::add);
        assertThat(documents).hasSizeGreaterThan(40 / MEMBERS_PER_BUCKET);
        // A bucket holds at most its limit plus what one batch added when it was nearly full.
        assertThat(documents).allSatisfy(doc -> assertThat(doc.getList("chunks", String.class)).hasSizeLessThanOrEqualTo(MEMBERS_PER_BUCKET + 1));
        assertThat(documents).allSatisfy(doc -> assertThat(new RawBsonDocument(doc, new DocumentCodec()).getByteBuffer().remaining())
                .isLessThan(1_000));

        List<String> listed = allPages(story, 7);
        assertThat(listed).hasSize(40).doesNotHaveDuplicates();
        List<ArticleView> views = listed.stream().map(id -> store.findById(id).orElseThrow()).toList();
        assertThat(views).isSortedAccordingTo((a, b) -> b.publishedOn().compareTo(a.publishedOn()) != 0
                ? b.publishedOn().compareTo(a.publishedOn()) : b.firstSeenAt().compareTo(a.firstSeenAt()));
        assertThat(store.story(story, null, 5).orElseThrow().sources()).containsExactly("wire-0", "wire-1", "wire-2", "wire-3");
    }

    @Test
    void anArticleThatMovedToAnotherStoryIsListedThereOnlyAndARepostAddsNothing() {
        String dam = "cd".repeat(16);
        String bridge = "ef".repeat(16);
        ArticleIngested stays = Newsroom.story("pamir-daily", "Dam Turbine Installed", "NUREK - A turbine was installed.")
                .publishedOn("2026-05-02").inStory(dam).event();
        ArticleIngested moving = Newsroom.story("khujand-courier", "Turbine and Bridge Works", "NUREK - Works went on.")
                .publishedOn("2026-05-03").inStory(dam).event();
        store.upsertAll(List.of(stays, moving));
        assertThat(store.story(dam, null, 10).orElseThrow().sources()).containsExactly("khujand-courier", "pamir-daily");

        store.upsertAll(List.of(Newsroom.story("khujand-courier", "Turbine and Bridge Works", "NUREK - Works went on.")
                .publishedOn("2026-05-03").ingestedAt("2026-05-04T06:00:00Z").inStory(bridge).event()));
        long storyDocuments = database.getCollection(StoryMembers.COLLECTION).countDocuments();
        store.upsertAll(List.of(Newsroom.story("khujand-courier", "Turbine and Bridge Works", "NUREK - Works went on.")
                .publishedOn("2026-05-03").ingestedAt("2026-05-05T06:00:00Z").inStory(bridge).event()));

        StoryPage damPage = store.story(dam, null, 10).orElseThrow();
        assertThat(damPage.items()).extracting(ArticleView::id).containsExactly(stays.articleId());
        assertThat(damPage.sources()).containsExactly("pamir-daily");
        assertThat(store.story(bridge, null, 10).orElseThrow().items()).extracting(ArticleView::id).containsExactly(moving.articleId());
        assertThat(database.getCollection(StoryMembers.COLLECTION).countDocuments()).isEqualTo(storyDocuments);
        assertThat(store.story("12".repeat(16), null, 10)).isEmpty();
    }
}

package io.steppewire.article.articles;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.steppewire.article.query.ArticleFilter;
import io.steppewire.article.search.SearchQuery;
import io.steppewire.article.support.Newsroom;
import io.steppewire.events.article.ArticleIngested;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No document of the term postings grows with traffic: posting documents hold at most a fixed number of chunk ids
 * (here 4, to see several fill up), chunks at most a fixed number of characters, and a page posted again adds
 * nothing at all.
 */
class PostingGrowthTest extends ListingOnEmbeddedStore {

    private static final int CHUNK_IDS_PER_BUCKET = 4;
    private static final int CHUNK_CHARS = 300;

    @Override
    protected PostingLimits limits() {
        return new PostingLimits(CHUNK_IDS_PER_BUCKET, CHUNK_CHARS, CHUNK_IDS_PER_BUCKET);
    }

    private static Newsroom.Draft portStory() {
        return Newsroom.story("steppe-daily", "Copper Port Reopens", "AKTAU - The copper port reopened on Monday.",
                "Ferries carry the ore across the sea.").publishedOn("2026-03-05").about("KZ").tagged("trade");
    }

    private static ArticleFilter search(String q) {
        return new ArticleFilter(List.of(), null, null, null, null, null, SearchQuery.parse(q));
    }

    /** Every document of the postings and the months, as stored. */
    private static Map<String, List<String>> postingsOf(MongoDatabase database) {
        Map<String, List<String>> stored = new TreeMap<>();
        for (String collection : List.of(TermPostings.COLLECTION, TermPostings.CHUNK_COLLECTION, PublicationMonths.DAYS_COLLECTION)) {
            List<String> documents = new ArrayList<>();
            database.getCollection(collection).find().sort(Sorts.ascending("_id")).forEach((Document doc) -> documents.add(doc.toJson()));
            stored.put(collection, documents);
        }
        return stored;
    }

    private static int bytes(Document document) {
        return new RawBsonDocument(document, new DocumentCodec()).getByteBuffer().remaining();
    }

    @Test
    void aRepostedPageLeavesEveryPostingDocumentAsItWas() {
        ArticleIngested first = portStory().event();
        store.upsertAll(List.of(first));
        Map<String, List<String>> before = postingsOf(database);

        ArticleIngested again = portStory().ingestedAt("2026-03-06T08:00:00Z").event();
        ArticleIngested thirdTime = portStory().ingestedAt("2026-03-07T08:00:00Z").event();
        store.upsertAll(List.of(again));
        store.upsertAll(List.of(thirdTime, again));
        store.upsertAll(List.of(again, first));

        assertThat(postingsOf(database)).isEqualTo(before);
        assertThat(store.findById(first.articleId()).orElseThrow().lastSeenAt()).isEqualTo(thirdTime.ingestedAt());
        assertThat(allPages(search("copper ferries"), 20)).containsExactly("Copper Port Reopens");
        assertThat(allPages(new ArticleFilter(List.of("KZ"), "trade", null, null, null, null, null), 20))
                .containsExactly("Copper Port Reopens");
    }

    @Test
    void aSightingWithOtherWordsIsFiledAndOneBackToTheFirstWordsIsFiledAgain() {
        ArticleIngested first = portStory().event();
        ArticleIngested changed = Newsroom.story("steppe-daily", "Copper Port Reopens", "AKTAU - The copper port reopened on Monday.",
                "Trucks carry the grain to the quay.").publishedOn("2026-03-05").ingestedAt("2026-03-06T08:00:00Z").about("KZ")
                .tagged("trade").event();
        ArticleIngested back = portStory().ingestedAt("2026-03-07T08:00:00Z").event();
        assertThat(changed.articleId()).isEqualTo(first.articleId()).isEqualTo(back.articleId());

        store.upsertAll(List.of(first));
        Map<String, List<String>> firstFiled = postingsOf(database);
        store.upsertAll(List.of(changed));

        assertThat(postingsOf(database)).isNotEqualTo(firstFiled);
        assertThat(allPages(search("ferries"), 20)).isEmpty();
        assertThat(allPages(search("copper trucks"), 20)).containsExactly("Copper Port Reopens");

        store.upsertAll(List.of(back));

        assertThat(allPages(search("copper ferries"), 20)).containsExactly("Copper Port Reopens");
        assertThat(allPages(search("trucks"), 20)).isEmpty();
    }

    @Test
    void aBatchThatComesAgainAfterStoringItsArticlesFilesThemAgain() {
        ArticleIngested story = portStory().event();
        store.upsertAll(List.of(story));
        // As if the batch had failed between storing the article and filing its entries.
        database.getCollection(TermPostings.COLLECTION).deleteMany(new Document());
        database.getCollection(TermPostings.CHUNK_COLLECTION).deleteMany(new Document());
        assertThat(allPages(search("copper"), 20)).isEmpty();

        store.upsertAll(List.of(story));

        assertThat(allPages(search("copper"), 20)).containsExactly("Copper Port Reopens");
    }

    @Test
    void spreadsTheBatchesOfABusyMonthOverPostingDocumentsOfBoundedSize() {
        List<String> newestFirst = new ArrayList<>();
        for (int day = 1; day <= 26; day++) {
            String date = LocalDate.parse("2026-03-01").plusDays(day - 1).toString();
            // One article per batch, as a live stream that keeps up sends them: each batch adds a chunk id to every posting.
            store.upsertAll(List.of(Newsroom.story("steppe-daily", "Copper Shipment " + day, "Copper left the port on " + date + ".")
                    .publishedOn(date).about("KZ").event()));
            newestFirst.addFirst("Copper Shipment " + day);
        }

        List<Document> postings = database.getCollection(TermPostings.COLLECTION).find().into(new ArrayList<>());
        assertThat(postings).allSatisfy(posting -> {
            assertThat(posting.getList("chunks", String.class)).hasSizeLessThanOrEqualTo(CHUNK_IDS_PER_BUCKET);
            assertThat(bytes(posting)).isLessThan(400);
        });
        assertThat(postings).filteredOn(posting -> posting.getString("_id").startsWith("copper:2026-03"))
                .hasSize(7).flatExtracting(posting -> posting.getList("chunks", String.class)).hasSize(26).doesNotHaveDuplicates();
        assertThat(allPages(ArticleFilter.everything(), 4)).containsExactlyElementsOf(newestFirst);
        assertThat(allPages(new ArticleFilter(List.of("KZ"), null, null, null, LocalDate.parse("2026-03-10"),
                LocalDate.parse("2026-03-20"), null), 3)).containsExactlyElementsOf(newestFirst.subList(6, 17));
        assertThat(allPages(search("copper port"), 5)).containsExactlyInAnyOrderElementsOf(newestFirst);
    }

    @Test
    void twoInstancesTakingTurnsKeepEveryBucketBoundedAndFindEachOthersArticles() {
        ArticleGeneration otherInstance = anotherInstance();
        List<String> titles = new ArrayList<>();
        for (int batch = 1; batch <= 27; batch++) {
            // Turns of nine batches, over two buckets: each instance finds buckets the other has filled and opened.
            ArticleGeneration writer = (batch - 1) / 9 % 2 == 0 ? store : otherInstance;
            writer.upsertAll(List.of(Newsroom.story("steppe-daily", "Wheat Cargo " + batch, "Wheat went east, cargo " + batch + ".")
                    .publishedOn("2026-04-0" + (batch % 9 + 1)).about("UZ").event()));
            titles.add("Wheat Cargo " + batch);
            assertThat(allPages(search("wheat"), 7)).containsExactlyInAnyOrderElementsOf(titles);
        }

        assertThat(database.getCollection(TermPostings.COLLECTION).find().into(new ArrayList<>()))
                .allSatisfy(posting -> assertThat(posting.getList("chunks", String.class)).hasSizeLessThanOrEqualTo(CHUNK_IDS_PER_BUCKET));
        assertThat(otherInstance.find(search("wheat"), null, 100).items()).hasSize(27);
    }

    @Test
    void splitsTheEntriesOfALargeBatchIntoChunksOfBoundedSize() {
        List<ArticleIngested> batch = new ArrayList<>();
        for (int n = 1; n <= 40; n++) {
            batch.add(Newsroom.story("steppe-daily", "Melon Market Report " + n, "Melons sold well in Khiva, report " + n + ".")
                    .publishedOn("2026-05-0" + (n % 9 + 1)).about("UZ").tagged("agriculture").event());
        }
        store.upsertAll(batch);

        List<Document> chunks = database.getCollection(TermPostings.CHUNK_COLLECTION).find().into(new ArrayList<>());
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.getString("entries")).hasSizeLessThanOrEqualTo(CHUNK_CHARS));
        assertThat((long) chunks.size()).isGreaterThan(database.getCollection(TermPostings.COLLECTION).countDocuments());
        assertThat(allPages(search("melon khiva"), 9)).hasSize(40);
        assertThat(allPages(new ArticleFilter(List.of(), "agriculture", null, null, null, null, null), 9)).hasSize(40);
    }
}

package io.steppewire.article.articles;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.steppewire.article.store.Generation;
import io.steppewire.events.article.ArticleIngested;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The articles of each story, read by {@code _id} ({@code article_stories}): per story one small entry per filed
 * sighting of each of its articles (id, version, sort key, source), spread over buckets of bounded size like the term
 * postings ({@link PostingBuckets}), so a story told by thousands of articles never becomes one growing document.
 *
 * <p>Only articles grouped under another article's story are filed: an article without a story (or whose story is
 * its own id) is found by its id, which spares one write per article for the many stories told once. Entries are
 * filed with the term postings, by the writer whose sighting is stored ({@link ArticleWrites}), so re-posting a page
 * adds nothing. Entries never go away: an article that moved to another story leaves its entry behind, and readers
 * check each article they show against the stored one.
 */
final class StoryMembers {

    static final String COLLECTION = "article_stories";
    private static final int RADIX = 36;
    private static final char FIELD_END = ',';

    /** One filed sighting of an article of a story. */
    record Member(String articleId, long version, LocalDate publishedOn, Instant firstSeenAt, String source) {

        /** The article's id (length first, so an id may hold any character), then numbers in base 36, then its source. */
        String encode() {
            return Integer.toString(articleId.length(), RADIX) + FIELD_END + articleId + Long.toString(version, RADIX) + FIELD_END
                    + Long.toString(publishedOn.toEpochDay(), RADIX) + FIELD_END + Long.toString(firstSeenAt.toEpochMilli(), RADIX)
                    + FIELD_END + source;
        }

        static Member decode(String text) {
            int idStart = text.indexOf(FIELD_END) + 1;
            int idEnd = idStart + Integer.parseInt(text, 0, idStart - 1, RADIX);
            int versionEnd = text.indexOf(FIELD_END, idEnd);
            int dayEnd = text.indexOf(FIELD_END, versionEnd + 1);
            int seenEnd = text.indexOf(FIELD_END, dayEnd + 1);
            return new Member(text.substring(idStart, idEnd), Long.parseLong(text, idEnd, versionEnd, RADIX),
                    LocalDate.ofEpochDay(Long.parseLong(text, versionEnd + 1, dayEnd, RADIX)),
                    Instant.ofEpochMilli(Long.parseLong(text, dayEnd + 1, seenEnd, RADIX)), text.substring(seenEnd + 1));
        }

        static Member of(ArticleIngested article) {
            return new Member(article.articleId(), article.ingestedAt().toEpochMilli(), article.publishedOn(), article.firstSeenAt(),
                    article.source());
        }
    }

    private final MongoDatabase database;
    private final Generation generation;
    private final PostingBuckets buckets;

    /** {@code limits.membersPerStoryBucket()} entries per document keep it far below the 16 MB document limit. */
    StoryMembers(MongoDatabase database, Generation generation, PostingLimits limits) {
        this.database = database;
        this.generation = generation;
        this.buckets = new PostingBuckets(this::collection, limits.ofStories());
    }

    private MongoCollection<Document> collection() {
        return database.getCollection(generation.collection(COLLECTION));
    }

    /** The story an article is filed under here, or null when it is its own story (found by its id instead). */
    static @Nullable String filedStory(ArticleIngested article) {
        String story = article.storyId();
        return story == null || story.equals(article.articleId()) ? null : story;
    }

    /** Files the sightings under their stories. */
    void record(Collection<ArticleIngested> sightings) {
        Map<String, Set<String>> perStory = new LinkedHashMap<>();
        for (ArticleIngested sighting : sightings) {
            String story = filedStory(sighting);
            if (story != null) {
                perStory.computeIfAbsent(story, k -> new TreeSet<>()).add(Member.of(sighting).encode());
            }
        }
        if (!perStory.isEmpty()) {
            Map<String, List<String>> entries = new HashMap<>(perStory.size());
            perStory.forEach((story, members) -> entries.put(story, List.copyOf(members)));
            buckets.add(entries);
        }
    }

    /** The newest filed sighting of each article filed under the story; empty when none was. */
    Collection<Member> newestPerArticle(String story) {
        Map<String, Member> newest = new HashMap<>();
        buckets.chunkIds(List.of(story)).getOrDefault(story, Map.of()).values().forEach(entries -> entries.forEach(text -> {
            Member member = Member.decode(text);
            newest.merge(member.articleId(), member, (a, b) -> b.version() > a.version() ? b : a);
        }));
        return new ArrayList<>(newest.values());
    }

    void forget() {
        buckets.forget();
    }
}

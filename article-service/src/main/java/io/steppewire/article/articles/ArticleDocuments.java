package io.steppewire.article.articles;

import io.steppewire.article.search.IndexedText;
import io.steppewire.article.search.SearchAnalysis;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.article.BodyBlock;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** The stored form of an article and back. Dates are ISO text so that they sort and compare as text. */
final class ArticleDocuments {

    static final String ID = "_id";
    static final String TITLE = "title";
    static final String SOURCE = "source";
    static final String URL = "url";
    static final String PAGE_ID = "pageId";
    static final String PUBLISHED_ON = "publishedOn";
    static final String FIRST_SEEN_AT = "firstSeenAt";
    static final String INGESTED_AT = "ingestedAt";
    static final String BODY = "body";
    static final String COUNTRIES = "countries";
    static final String CURRENCIES = "currencies";
    static final String TAGS = "tags";
    static final String ENTITIES = "entities";
    /** The article's story: its {@code storyId}, or its own id when it has none, so that every article has one. */
    static final String STORY_ID = "storyId";
    static final String REVISION = "revision";
    static final String PUBLISHED_AT = "publishedAt";
    static final String PUBLISHED_AT_ESTIMATED = "publishedAtEstimated";
    static final String TERMS = "terms";
    static final String TERM_COUNTS = "termCounts";
    static final String TITLE_TERMS = "titleTerms";
    static final String TERM_TOTAL = "termTotal";
    static final String PHRASE_TEXT = "phraseText";
    /** What the article's entries in the term postings say apart from their version ({@link TermPostings#digest}). */
    static final String POSTINGS_DIGEST = "postingsDigest";
    /** The version (an {@code ingestedAt} in epoch milliseconds) of the article's entries in the term postings. */
    static final String POSTINGS_VERSION = "postingsVersion";

    /** Fields only search and the writes read; left out when articles are shown. */
    static final List<String> SEARCH_FIELDS = List.of(TERMS, TERM_COUNTS, TITLE_TERMS, TERM_TOTAL, PHRASE_TEXT,
            POSTINGS_DIGEST, POSTINGS_VERSION);

    /** The search fields of an article, computed once per write. */
    static IndexedText indexed(ArticleIngested article) {
        return SearchAnalysis.index(article.title(), article.body().stream().map(BodyBlock::text).toList());
    }

    static Document toDocument(ArticleIngested article, IndexedText indexed, String postingsDigest, long postingsVersion) {
        List<Document> body = new ArrayList<>(article.body().size());
        for (BodyBlock block : article.body()) {
            body.add(new Document("kind", block.kind().name()).append("text", block.text()));
        }
        return new Document(ID, article.articleId())
                .append(TITLE, article.title())
                .append(SOURCE, article.source())
                .append(URL, article.url())
                .append(PAGE_ID, article.pageId())
                .append(PUBLISHED_ON, article.publishedOn().toString())
                .append(FIRST_SEEN_AT, Date.from(article.firstSeenAt()))
                .append(INGESTED_AT, Date.from(article.ingestedAt()))
                .append(BODY, body)
                .append(COUNTRIES, article.countries())
                .append(CURRENCIES, article.currencies())
                .append(TAGS, article.tags())
                .append(ENTITIES, article.entities())
                .append(STORY_ID, article.storyOrArticleId())
                .append(REVISION, article.revision())
                .append(PUBLISHED_AT, article.publishedAt() == null ? null : Date.from(article.publishedAt()))
                .append(PUBLISHED_AT_ESTIMATED, Boolean.TRUE.equals(article.publishedAtEstimated()))
                .append(TERMS, indexed.terms())
                .append(TERM_COUNTS, indexed.termCounts())
                .append(TITLE_TERMS, indexed.titleTerms())
                .append(TERM_TOTAL, indexed.termTotal())
                .append(PHRASE_TEXT, indexed.phraseText())
                .append(POSTINGS_DIGEST, postingsDigest)
                .append(POSTINGS_VERSION, postingsVersion);
    }

    static ArticleView toView(Document doc) {
        List<ArticleView.Block> body = doc.getList(BODY, Document.class, List.of()).stream()
                .map(b -> new ArticleView.Block(b.getString("kind"), b.getString("text"))).toList();
        List<String> paragraphs = body.stream().filter(b -> BodyBlock.Kind.PARAGRAPH.name().equals(b.kind()))
                .map(ArticleView.Block::text).toList();
        return new ArticleView(doc.getString(ID), doc.getString(TITLE), doc.getString(SOURCE), doc.getString(URL),
                LocalDate.parse(doc.getString(PUBLISHED_ON)), instant(doc, FIRST_SEEN_AT), instant(doc, INGESTED_AT),
                paragraphs, body, strings(doc, COUNTRIES), strings(doc, CURRENCIES), strings(doc, TAGS),
                strings(doc, ENTITIES), storyOf(doc), doc.getString(REVISION), optionalInstant(doc, PUBLISHED_AT),
                doc.getBoolean(PUBLISHED_AT_ESTIMATED, false), null);
    }

    /** The story of a stored article; one stored before stories were kept is its own story. */
    static String storyOf(Document doc) {
        String story = doc.getString(STORY_ID);
        return story != null ? story : doc.getString(ID);
    }

    static @Nullable Instant optionalInstant(Document doc, String field) {
        Date date = doc.getDate(field);
        return date == null ? null : date.toInstant();
    }

    static Instant instant(Document doc, String field) {
        return doc.getDate(field).toInstant();
    }

    static List<String> strings(Document doc, String field) {
        return List.copyOf(doc.getList(field, String.class, List.of()));
    }

    private ArticleDocuments() {
    }
}

package io.steppewire.events.article;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An article was found on an ingested page or feed. Keyed by {@link #articleId()}; a re-ingest of
 * the same article publishes an event with the same id and the same {@link #firstSeenAt()}.
 *
 * @param articleId   deterministic, see {@code EventIds.article}
 * @param source      the site the article came from, e.g. {@code steppe-daily}
 * @param pageId      the page this sighting came from
 * @param url         the article's own address, when the input had one
 * @param title       the headline
 * @param body        paragraphs and subheadings in reading order
 * @param publishedOn the publication date
 * @param firstSeenAt when steppewire first saw this article
 * @param ingestedAt  when this sighting was ingested
 * @param countries   ISO 3166-1 alpha-2 codes of the countries it is about
 * @param currencies  ISO 4217 codes of the currencies it mentions
 * @param tags        topic slugs such as {@code energy}
 * @param entities    named people and organisations
 * @param tagScores   the score of every tag above
 * @param imageCredits credits of the images the article carried
 * @param storyId     the story this article tells, shared by near-duplicate articles of any source; absent from
 *                    producers that do not group stories (readers then treat the article as its own story)
 * @param revision    which text of the article this is: a hash of its content, which changes when the text under
 *                    the same link is corrected; absent when the input cannot be revised (a pushed page)
 * @param publishedAt the publication time, when the source gave one
 * @param publishedAtEstimated true when the source gave no publication time and {@code publishedOn} is the day it
 *                    was fetched; absent means false
 */
public record ArticleIngested(
        String articleId,
        String source,
        String pageId,
        @Nullable String url,
        String title,
        List<BodyBlock> body,
        LocalDate publishedOn,
        Instant firstSeenAt,
        Instant ingestedAt,
        List<String> countries,
        List<String> currencies,
        List<String> tags,
        List<String> entities,
        List<TagScore> tagScores,
        List<String> imageCredits,
        @Nullable String storyId,
        @Nullable String revision,
        @Nullable Instant publishedAt,
        @Nullable Boolean publishedAtEstimated) {

    /** An article without the optional story, revision and publication-time fields. */
    public ArticleIngested(String articleId, String source, String pageId, @Nullable String url, String title, List<BodyBlock> body,
                           LocalDate publishedOn, Instant firstSeenAt, Instant ingestedAt, List<String> countries,
                           List<String> currencies, List<String> tags, List<String> entities, List<TagScore> tagScores,
                           List<String> imageCredits) {
        this(articleId, source, pageId, url, title, body, publishedOn, firstSeenAt, ingestedAt, countries, currencies, tags,
                entities, tagScores, imageCredits, null, null, null, null);
    }

    public ArticleIngested {
        body = List.copyOf(body);
        countries = List.copyOf(countries);
        currencies = List.copyOf(currencies);
        tags = List.copyOf(tags);
        entities = List.copyOf(entities);
        tagScores = List.copyOf(tagScores);
        imageCredits = List.copyOf(imageCredits);
    }

    /** The story to group this article under: its {@link #storyId()}, or the article itself when it has none. */
    public String storyOrArticleId() {
        return storyId != null ? storyId : articleId;
    }

    /** The same article, grouped under {@code storyId}. */
    public ArticleIngested withStoryId(String storyId) {
        return new ArticleIngested(articleId, source, pageId, url, title, body, publishedOn, firstSeenAt, ingestedAt, countries,
                currencies, tags, entities, tagScores, imageCredits, storyId, revision, publishedAt, publishedAtEstimated);
    }

    /** The paragraphs alone, without subheadings. */
    public List<String> paragraphs() {
        return body.stream().filter(b -> b.kind() == BodyBlock.Kind.PARAGRAPH).map(BodyBlock::text).toList();
    }

    /** The first paragraph, or empty text for an article without one. */
    public String lede() {
        return paragraphs().stream().findFirst().orElse("");
    }
}

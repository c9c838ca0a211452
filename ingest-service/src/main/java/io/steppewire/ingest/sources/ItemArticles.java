package io.steppewire.ingest.sources;

import io.steppewire.events.EventIds;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.article.BodyBlock;
import io.steppewire.ingest.tagging.ArticleTags;
import io.steppewire.ingest.tagging.Tagger;
import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a fetched item into an {@link ArticleIngested}, with ingest's id derivation and tagging.
 * <p>
 * Identity: an item with a link is its link, so a corrected text under the same link is a revision of the same
 * article; it goes through {@link EventIds#article} with the canonical link in the title's place. An item without a
 * link is its title and lede, exactly as an article of a pushed page, so the same story pushed and fetched is one.
 * The revision is the content hash: it makes the sighting ({@code pageId}) and so the event id, so a changed text is
 * a new event of the same article and an unchanged refetch the very same event; it is also the event's
 * {@code revision}. The item's publication time, when it has one, is the event's {@code publishedAt}; without one
 * the fetch day stands in and {@code publishedAtEstimated} says so.
 */
public final class ItemArticles {

    private ItemArticles() {
    }

    /** A candidate article with what decides whether it is published. */
    public record Candidate(ArticleIngested draft, String contentHash, boolean dateMissing, @Nullable URI link) {
    }

    /**
     * @param publishedAt null when the item gave none: the fetch time stands in, and the candidate says so
     */
    public static Candidate candidate(String source, String title, @Nullable URI link, @Nullable Instant publishedAt,
                                      List<String> paragraphs, List<String> categories, Tagger tagger, Instant now) {
        String lede = paragraphs.isEmpty() ? "" : paragraphs.getFirst();
        URI canonical = link == null ? null : canonical(link);
        String articleId = canonical != null ? EventIds.article(source, canonical.toString(), "")
                : EventIds.article(source, title, lede);
        String contentHash = EventIds.of("content", EventIds.normaliseText(title),
                EventIds.normaliseText(String.join("\n", paragraphs)));
        String sighting = EventIds.of("source-item", source, articleId, contentHash);
        ArticleTags tags = tagger.tag(title, paragraphs);
        List<String> topics = new ArrayList<>(tags.topics());
        for (String category : categories) {
            String slug = slug(category);
            if (!slug.isEmpty() && !topics.contains(slug)) {
                topics.add(slug);
            }
        }
        boolean dateMissing = publishedAt == null;
        LocalDate publishedOn = LocalDate.ofInstant(dateMissing ? now : publishedAt, ZoneOffset.UTC);
        ArticleIngested draft = new ArticleIngested(articleId, source, sighting,
                canonical == null ? null : canonical.toString(), title,
                paragraphs.stream().map(BodyBlock::paragraph).toList(), publishedOn, now, now, tags.countries(),
                tags.currencies(), topics, tags.entities(), tags.scores(), List.of(), null, contentHash, publishedAt,
                dateMissing);
        return new Candidate(draft, contentHash, dateMissing, canonical);
    }

    /** The same article with the first sighting it had. */
    public static ArticleIngested firstSeenAt(ArticleIngested draft, Instant firstSeenAt) {
        return new ArticleIngested(draft.articleId(), draft.source(), draft.pageId(), draft.url(), draft.title(),
                draft.body(), draft.publishedOn(), firstSeenAt, draft.ingestedAt(), draft.countries(),
                draft.currencies(), draft.tags(), draft.entities(), draft.tagScores(), draft.imageCredits(),
                draft.storyId(), draft.revision(), draft.publishedAt(), draft.publishedAtEstimated());
    }

    /** Lower-case scheme and host, no default port, no fragment, no utm_ tracking parameters. */
    static URI canonical(URI link) {
        String scheme = link.getScheme().toLowerCase(Locale.ROOT);
        String host = link.getHost() == null ? null : link.getHost().toLowerCase(Locale.ROOT);
        int port = (scheme.equals("http") && link.getPort() == 80) || (scheme.equals("https") && link.getPort() == 443)
                ? -1 : link.getPort();
        String query = link.getRawQuery();
        if (query != null) {
            List<String> kept = new ArrayList<>();
            for (String part : query.split("&")) {
                if (!part.toLowerCase(Locale.ROOT).startsWith("utm_") && !part.isEmpty()) {
                    kept.add(part);
                }
            }
            query = kept.isEmpty() ? null : String.join("&", kept);
        }
        String path = link.getRawPath() == null || link.getRawPath().isEmpty() ? "/" : link.getRawPath();
        try {
            return new URI(scheme + "://" + host + (port < 0 ? "" : ":" + port) + path + (query == null ? "" : "?" + query));
        } catch (URISyntaxException e) {
            return link;
        }
    }

    /** A category as a topic slug: lower case, words joined by '-'. */
    static String slug(String category) {
        String slug = EventIds.normaliseText(category).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-|-$", "");
        return slug.length() > 60 ? slug.substring(0, 60) : slug;
    }
}

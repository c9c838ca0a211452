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
        List<String> imageCredits) {

    public ArticleIngested {
        body = List.copyOf(body);
        countries = List.copyOf(countries);
        currencies = List.copyOf(currencies);
        tags = List.copyOf(tags);
        entities = List.copyOf(entities);
        tagScores = List.copyOf(tagScores);
        imageCredits = List.copyOf(imageCredits);
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

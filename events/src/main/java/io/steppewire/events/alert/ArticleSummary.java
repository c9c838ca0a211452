package io.steppewire.events.alert;

import io.steppewire.events.article.ArticleIngested;
import org.jspecify.annotations.Nullable;

import java.time.LocalDate;
import java.util.List;

/**
 * What an alert tells about an article: enough to decide whether to open it.
 *
 * @param storyId the story the article tells (see {@link ArticleIngested#storyId()}), so that a digest groups the
 *                articles of one story; absent when the article has none and from alerts raised before it existed
 */
public record ArticleSummary(
        String id,
        String title,
        String source,
        @Nullable String url,
        LocalDate publishedOn,
        List<String> countries,
        List<String> tags,
        List<String> entities,
        @Nullable String storyId) {

    public ArticleSummary {
        countries = List.copyOf(countries);
        tags = List.copyOf(tags);
        entities = List.copyOf(entities);
    }

    /** A summary without a story. */
    public ArticleSummary(String id, String title, String source, @Nullable String url, LocalDate publishedOn, List<String> countries,
                          List<String> tags, List<String> entities) {
        this(id, title, source, url, publishedOn, countries, tags, entities, null);
    }

    public static ArticleSummary of(ArticleIngested article) {
        return new ArticleSummary(article.articleId(), article.title(), article.source(), article.url(),
                article.publishedOn(), article.countries(), article.tags(), article.entities(), article.storyId());
    }
}

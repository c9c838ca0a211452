package io.steppewire.events.alert;

import io.steppewire.events.article.ArticleIngested;
import org.jspecify.annotations.Nullable;

import java.time.LocalDate;
import java.util.List;

/** What an alert tells about an article: enough to decide whether to open it. */
public record ArticleSummary(
        String id,
        String title,
        String source,
        @Nullable String url,
        LocalDate publishedOn,
        List<String> countries,
        List<String> tags,
        List<String> entities) {

    public ArticleSummary {
        countries = List.copyOf(countries);
        tags = List.copyOf(tags);
        entities = List.copyOf(entities);
    }

    public static ArticleSummary of(ArticleIngested article) {
        return new ArticleSummary(article.articleId(), article.title(), article.source(), article.url(),
                article.publishedOn(), article.countries(), article.tags(), article.entities());
    }
}

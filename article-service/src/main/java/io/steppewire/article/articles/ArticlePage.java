package io.steppewire.article.articles;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.util.List;

/** One page of a listing and where the next one starts. */
public record ArticlePage(
        List<ArticleView> items,
        @Schema(description = "Pass as cursor to get the next page; null on the last page", nullable = true)
        @Nullable String nextCursor) {
}

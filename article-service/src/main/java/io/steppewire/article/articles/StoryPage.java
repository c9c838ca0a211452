package io.steppewire.article.articles;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.util.List;

/** One page of a story's articles, newest first, and the sources that told the story. */
public record StoryPage(
        @Schema(description = "The story's id") String id,
        @Schema(description = "Every source with an article telling the story, alphabetically") List<String> sources,
        List<ArticleView> items,
        @Schema(description = "Pass as cursor to get the next page; null on the last page", nullable = true)
        @Nullable String nextCursor) {
}

package io.steppewire.article.articles;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An article as the query API shows it. */
@Schema(description = "An article with its tags")
public record ArticleView(
        String id,
        String title,
        String source,
        @Nullable String url,
        LocalDate publishedOn,
        @Schema(description = "When steppewire first saw the article") Instant firstSeenAt,
        @Schema(description = "When steppewire last saw the article on an ingested page") Instant lastSeenAt,
        @Schema(description = "The paragraphs alone, in reading order") List<String> paragraphs,
        @Schema(description = "Paragraphs and subheadings in reading order") List<Block> body,
        List<String> countries,
        List<String> currencies,
        List<String> tags,
        List<String> entities,
        @Schema(description = "The story the article tells, shared by near-duplicate articles of any source; "
                + "the article's own id when it was not grouped (see GET /api/stories/{id})") String storyId,
        @Schema(description = "Which text of the article this is (a hash of its content); null when its input cannot be revised",
                nullable = true) @Nullable String revision,
        @Schema(description = "The publication time, when the source gave one", nullable = true) @Nullable Instant publishedAt,
        @Schema(description = "True when the source gave no publication time and publishedOn is the day it was fetched")
        boolean publishedAtEstimated,
        @Schema(description = "Relevance to q; present only when q is given")
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double score) {

    /** One block of the body: {@code kind} is {@code PARAGRAPH} or {@code SUBHEADING}. */
    public record Block(String kind, String text) {
    }

    public ArticleView withScore(double relevance) {
        return new ArticleView(id, title, source, url, publishedOn, firstSeenAt, lastSeenAt, paragraphs, body, countries,
                currencies, tags, entities, storyId, revision, publishedAt, publishedAtEstimated, relevance);
    }
}

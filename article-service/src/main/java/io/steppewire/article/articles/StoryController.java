package io.steppewire.article.articles;

import io.steppewire.article.query.ArticleCursor;
import io.steppewire.article.store.ReadStoreQueries;
import io.steppewire.article.web.InvalidParameterException;
import io.steppewire.article.web.RequestParameters;
import io.steppewire.platform.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;
import java.util.regex.Pattern;

/** Stories: the articles of every source that tell the same story. */
@RestController
@Tag(name = "stories", description = "Near-duplicate articles of any source grouped by ingest-service under one storyId")
public class StoryController {

    /** The form of story ids (as of article ids): 32 hexadecimal digits. */
    private static final Pattern STORY_ID = Pattern.compile("[0-9a-fA-F]{32}");

    private final ArticleStore store;
    private final QueryProperties limits;

    public StoryController(ArticleStore store, QueryProperties limits) {
        this.store = store;
        this.limits = limits;
    }

    @GetMapping("/api/stories/{id}")
    @Operation(summary = "The articles of a story, newest first",
            description = "Newest first (publication date, then first seen, then id), paged like GET /api/articles, with every "
                    + "source that told the story. An article that was not grouped is a story of its own under its id.")
    @ApiResponse(responseCode = "200", description = "A page of the story's articles and its sources")
    @ApiResponse(responseCode = "400", description = "The id or a parameter does not have the accepted form (problem+json names it)")
    @ApiResponse(responseCode = "404", description = "No article tells this story")
    public StoryPage story(
            @Parameter(description = "The storyId of an article: 32 hexadecimal digits") @PathVariable String id,
            @Parameter(description = "Page size, 1 to 100, default 20") @RequestParam(required = false) @Nullable String limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) @Nullable String cursor) {
        if (!STORY_ID.matcher(id).matches()) {
            throw new InvalidParameterException("id", "id must be a story id of 32 hexadecimal digits, as in an article's storyId; got '"
                    + RequestParameters.shown(id) + "'");
        }
        String storyId = id.toLowerCase(Locale.ROOT);
        int size = RequestParameters.limit("limit", limit, limits.defaultLimit(), limits.maxLimit());
        ArticleCursor after = cursor(cursor);
        return ReadStoreQueries.answer(() -> store.story(storyId, after, size))
                .orElseThrow(() -> ProblemException.notFound("No article tells story '" + storyId + "'."));
    }

    private static @Nullable ArticleCursor cursor(@Nullable String cursor) {
        String text = RequestParameters.blankToNull(cursor);
        if (text == null) {
            return null;
        }
        ArticleCursor after;
        try {
            after = ArticleCursor.decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("cursor", e.getMessage());
        }
        if (after.score() != null) {
            throw new InvalidParameterException("cursor", "cursor belongs to a listing with q; accepted: " + ArticleCursor.ACCEPTED_FORM);
        }
        return after;
    }
}

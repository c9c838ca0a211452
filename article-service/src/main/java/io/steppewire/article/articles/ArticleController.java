package io.steppewire.article.articles;

import io.steppewire.article.query.ArticleCursor;
import io.steppewire.article.query.ArticleFilter;
import io.steppewire.article.search.SearchQuery;
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

import java.time.LocalDate;
import java.util.List;

/** The articles of the read store: listing with filters and search, one article, and facet counts. */
@RestController
@Tag(name = "articles", description = "Articles projected from news.articles.v1")
public class ArticleController {

    private final ArticleStore store;
    private final QueryProperties limits;

    public ArticleController(ArticleStore store, QueryProperties limits) {
        this.store = store;
        this.limits = limits;
    }

    @GetMapping("/api/articles")
    @Operation(summary = "List articles",
            description = "Newest first (publication date, then first seen, then id); ranked by relevance when q is given. "
                    + "Filters combine with AND. Pages follow nextCursor; the listing stays stable while articles arrive.")
    @ApiResponse(responseCode = "200", description = "A page of articles")
    @ApiResponse(responseCode = "400", description = "A parameter does not have the accepted form (problem+json names it)")
    public ArticlePage listArticles(
            @Parameter(description = "ISO 3166-1 alpha-2 country code, e.g. KZ") @RequestParam(required = false) @Nullable String country,
            @Parameter(description = "Topic slug, e.g. energy") @RequestParam(required = false) @Nullable String tag,
            @Parameter(description = "Named person or organisation, exactly as tagged") @RequestParam(required = false) @Nullable String entity,
            @Parameter(description = "Site the article came from, e.g. steppe-daily") @RequestParam(required = false) @Nullable String source,
            @Parameter(description = "First publication date, inclusive, yyyy-MM-dd") @RequestParam(required = false) @Nullable String from,
            @Parameter(description = "Last publication date, inclusive, yyyy-MM-dd") @RequestParam(required = false) @Nullable String to,
            @Parameter(description = "Words and \"quoted phrases\" with AND (or side by side), OR, NOT and parentheses, "
                    + "as in subscription rules; English stemming") @RequestParam(required = false) @Nullable String q,
            @Parameter(description = "Page size, 1 to 100, default 20") @RequestParam(required = false) @Nullable String limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) @Nullable String cursor) {
        ArticleFilter filter = filter(country, tag, entity, source, from, to, q);
        int size = RequestParameters.limit("limit", limit, limits.defaultLimit(), limits.maxLimit());
        ArticleCursor after = cursor(cursor, filter);
        return ReadStoreQueries.answer(() -> store.find(filter, after, size));
    }

    private static @Nullable ArticleCursor cursor(@Nullable String cursor, ArticleFilter filter) {
        String cursorText = RequestParameters.blankToNull(cursor);
        if (cursorText == null) {
            return null;
        }
        ArticleCursor after;
        try {
            after = ArticleCursor.decode(cursorText);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("cursor", e.getMessage());
        }
        if ((after.score() != null) != filter.ranksByRelevance()) {
            throw new InvalidParameterException("cursor", "cursor belongs to a listing "
                    + (filter.ranksByRelevance() ? "without" : "with") + " q; accepted: " + ArticleCursor.ACCEPTED_FORM
                    + " with the same parameters");
        }
        return after;
    }

    @GetMapping("/api/articles/{id}")
    @Operation(summary = "One article by id")
    @ApiResponse(responseCode = "200", description = "The article")
    @ApiResponse(responseCode = "404", description = "No article has this id")
    public ArticleView articleById(@Parameter(description = "Article id from a listing or an event") @PathVariable String id) {
        return ReadStoreQueries.answer(() -> store.findById(id))
                .orElseThrow(() -> ProblemException.notFound("No article has id '" + id + "'."));
    }

    @GetMapping("/api/facets")
    @Operation(summary = "Counts per country, tag and entity",
            description = "Among the articles matching the same filters as GET /api/articles; most frequent first.")
    @ApiResponse(responseCode = "200", description = "The counts")
    @ApiResponse(responseCode = "400", description = "A parameter does not have the accepted form (problem+json names it)")
    public FacetsView facets(
            @Parameter(description = "ISO 3166-1 alpha-2 country code, e.g. KZ") @RequestParam(required = false) @Nullable String country,
            @Parameter(description = "Topic slug, e.g. energy") @RequestParam(required = false) @Nullable String tag,
            @Parameter(description = "Named person or organisation") @RequestParam(required = false) @Nullable String entity,
            @Parameter(description = "Site the article came from") @RequestParam(required = false) @Nullable String source,
            @Parameter(description = "First publication date, inclusive, yyyy-MM-dd") @RequestParam(required = false) @Nullable String from,
            @Parameter(description = "Last publication date, inclusive, yyyy-MM-dd") @RequestParam(required = false) @Nullable String to,
            @Parameter(description = "Words and \"quoted phrases\" with AND, OR, NOT and parentheses") @RequestParam(required = false) @Nullable String q) {
        ArticleFilter filter = filter(country, tag, entity, source, from, to, q);
        return ReadStoreQueries.answer(() -> store.facets(filter, limits.facetSize()));
    }

    private static ArticleFilter filter(@Nullable String country, @Nullable String tag, @Nullable String entity,
                                        @Nullable String source, @Nullable String from, @Nullable String to,
                                        @Nullable String q) {
        String countryCode = RequestParameters.country("country", country);
        LocalDate fromDate = RequestParameters.date("from", from);
        LocalDate toDate = RequestParameters.date("to", to);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            throw new InvalidParameterException("from", "from (" + fromDate + ") must not be after to (" + toDate + ")");
        }
        SearchQuery search = null;
        String text = RequestParameters.blankToNull(q);
        if (text != null) {
            try {
                search = SearchQuery.parse(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException("q", e.getMessage());
            }
        }
        return new ArticleFilter(countryCode == null ? List.of() : List.of(countryCode), RequestParameters.name("tag", tag),
                RequestParameters.name("entity", entity), RequestParameters.name("source", source), fromDate, toDate, search);
    }
}

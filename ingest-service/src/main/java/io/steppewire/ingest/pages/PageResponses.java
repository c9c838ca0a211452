package io.steppewire.ingest.pages;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.article.BodyBlock;
import io.steppewire.events.article.TagScore;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.ingest.segmenter.ClassifiedLine;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The JSON answers of {@code POST /api/pages}. Rates and changes are strings that keep their quoted decimals. */
final class PageResponses {

    private PageResponses() {
    }

    /**
     * @param lines every input line with its role and why; only on a dry run
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PageResponse(String pageId, String source, LocalDate publishedOn, boolean dated, boolean dryRun,
                        List<ArticleResponse> articles, List<QuoteResponse> quotes,
                        @Nullable List<LineResponse> lines) {

        static PageResponse of(PageIngestion ingestion) {
            return new PageResponse(ingestion.pageId(), ingestion.source(), ingestion.publishedOn(),
                    ingestion.dated(), ingestion.dryRun(),
                    ingestion.articles().stream().map(ArticleResponse::of).toList(),
                    ingestion.quotes().stream().map(QuoteResponse::of).toList(),
                    ingestion.dryRun() ? LineResponse.of(ingestion.lines()) : null);
        }
    }

    /**
     * @param duplicate true when an earlier page already carried this article; firstSeenAt is then that sighting
     * @param storyId   the story the article is grouped under (the id of the story's first article)
     * @param titleLine the line of the page where the article starts
     */
    record ArticleResponse(String id, String storyId, String title, List<String> paragraphs,
                           List<BodyBlockResponse> body, LocalDate publishedOn, List<String> countries,
                           List<String> currencies, List<String> tags, List<String> entities,
                           List<TagScoreResponse> tagScores,
                           List<String> imageCredits, Instant firstSeenAt, Instant ingestedAt, boolean duplicate,
                           int titleLine) {

        static ArticleResponse of(PageIngestion.ArticleSighting sighting) {
            ArticleIngested e = sighting.event();
            return new ArticleResponse(e.articleId(), e.storyOrArticleId(), e.title(), e.paragraphs(),
                    e.body().stream().map(BodyBlockResponse::of).toList(), e.publishedOn(), e.countries(),
                    e.currencies(), e.tags(), e.entities(), e.tagScores().stream().map(TagScoreResponse::of).toList(),
                    e.imageCredits(), e.firstSeenAt(), e.ingestedAt(), sighting.seenBefore(), sighting.titleLine());
        }
    }

    record BodyBlockResponse(String kind, String text) {

        static BodyBlockResponse of(BodyBlock block) {
            return new BodyBlockResponse(block.kind().name(), block.text());
        }
    }

    record TagScoreResponse(String kind, String value, double score) {

        static TagScoreResponse of(TagScore score) {
            return new TagScoreResponse(score.kind(), score.value(), score.score());
        }
    }

    /**
     * @param quotedAs the quote as the page gave it, when it had to be turned into the canonical direction
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record QuoteResponse(String id, String pair, String rate, int decimals, String rateLow, String rateHigh,
                         @Nullable String reportedChangePct, Instant asOf, @Nullable QuotedAsResponse quotedAs) {

        static QuoteResponse of(RateQuoted q) {
            return new QuoteResponse(q.quoteId(), q.pair(), q.rate().toPlainString(), q.decimals(),
                    q.rateLow().toPlainString(), q.rateHigh().toPlainString(), plain(q.reportedChangePct()), q.asOf(),
                    q.quotedAs() == null ? null
                            : new QuotedAsResponse(q.quotedAs().pair(), q.quotedAs().rate().toPlainString(),
                                    q.quotedAs().decimals()));
        }
    }

    record QuotedAsResponse(String pair, String rate, int decimals) {
    }

    record LineResponse(int number, String role, String text, String reason) {

        static List<LineResponse> of(List<ClassifiedLine> lines) {
            return lines.stream().map(l -> new LineResponse(l.number(), l.role().name(), l.text(), l.reason())).toList();
        }
    }

    private static @Nullable String plain(@Nullable BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}

package io.steppewire.ingest.pages;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.ingest.segmenter.PageSegmenter;
import io.steppewire.ingest.segmenter.SegmentedArticle;
import io.steppewire.ingest.segmenter.SegmentedPage;
import io.steppewire.ingest.segmenter.TickerQuote;
import io.steppewire.ingest.tagging.ArticleTags;
import io.steppewire.ingest.tagging.Tagger;
import io.steppewire.ingest.taxonomy.CurrentTaxonomy;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Ingests one page: splits it, tags its articles, dates their first sighting and publishes the
 * page's articles and quotes atomically (or, for a dry run, only says what it would publish).
 */
@Service
public class IngestPage {

    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final PageSegmenter segmenter = new PageSegmenter();
    private final CurrentTaxonomy taxonomy;
    private final FirstSeenIndex firstSeen;
    private final PagePublisher publisher;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer parseTimer;
    private final Timer publishTimer;
    private final DistributionSummary pageBytes;

    IngestPage(CurrentTaxonomy taxonomy, FirstSeenIndex firstSeen, PagePublisher publisher, Clock clock,
               MeterRegistry meters) {
        this.taxonomy = taxonomy;
        this.firstSeen = firstSeen;
        this.publisher = publisher;
        this.clock = clock;
        this.meters = meters;
        this.parseTimer = Timer.builder("steppewire.ingest.page.parse")
                .description("Time to split and tag one page").register(meters);
        this.publishTimer = Timer.builder("steppewire.ingest.page.publish")
                .description("Time for Kafka to commit one page's transaction").register(meters);
        this.pageBytes = DistributionSummary.builder("steppewire.ingest.page.size").baseUnit("bytes")
                .description("Size of accepted page bodies").register(meters);
    }

    /**
     * @param body   the raw request body, at most the configured size
     * @param source the site the page came from
     * @param dryRun parse and explain only; publish nothing
     * @throws PageRejectedException for a body that is empty, not UTF-8, or holds no article
     * @throws PublishFailedException when Kafka did not commit the page
     */
    public PageIngestion ingest(byte[] body, String source, boolean dryRun) {
        try {
            return ingestChecked(body, source, dryRun);
        } catch (PageRejectedException e) {
            meters.counter("steppewire.ingest.pages", "outcome", "rejected", "reason", e.reason()).increment();
            throw e;
        } catch (PublishFailedException e) {
            meters.counter("steppewire.ingest.pages", "outcome", "failed", "reason", "kafka").increment();
            throw e;
        }
    }

    private PageIngestion ingestChecked(byte[] body, String source, boolean dryRun) {
        if (!SOURCE.matcher(source).matches()) {
            throw new PageRejectedException(HttpStatus.BAD_REQUEST, "Invalid source", "invalid_source",
                    "Parameter 'source' must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter"
                            + " or digit (e.g. steppe-daily); got '" + abbreviate(source) + "'.", null);
        }
        String text = PageText.decode(body);
        Instant now = clock.instant();
        String pageId = EventIds.of("page", source, text);
        PageIngestion ingestion = parseTimer.record(() -> assemble(text, source, pageId, now, dryRun));
        if (ingestion.articles().isEmpty()) {
            throw new PageRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, "No article found", "no_article",
                    "The page holds no article: no line was recognised as a title followed by text. The 'lines'"
                            + " field lists every line with the role it got and why; a title is a short Title Case"
                            + " line without a final period, separated from its paragraphs by blank lines.",
                    ingestion.lines());
        }
        if (!dryRun && !firstSeen.isCaughtUp()) {
            // Publishing now could date a re-ingested article as new; the health check says the same.
            throw new PageRejectedException(HttpStatus.SERVICE_UNAVAILABLE, "Still starting", "warming_up",
                    "The service is still reading " + Topics.ARTICLES.name() + " to learn which"
                            + " articles it has seen before. Nothing was published; send the page again in a few"
                            + " seconds (a dry run works already).", null);
        }
        if (!dryRun) {
            publishTimer.record(() -> publisher.publish(
                    ingestion.articles().stream().map(PageIngestion.ArticleSighting::event).toList(),
                    ingestion.quotes()));
            for (PageIngestion.ArticleSighting sighting : ingestion.articles()) {
                firstSeen.recordSighting(sighting.event().articleId(), sighting.event().firstSeenAt());
                meters.counter("steppewire.ingest.articles", "sighting", sighting.seenBefore() ? "repeat" : "new")
                        .increment();
            }
            meters.counter("steppewire.ingest.quotes").increment(ingestion.quotes().size());
            pageBytes.record(body.length);
        }
        meters.counter("steppewire.ingest.pages", "outcome", dryRun ? "dry_run" : "published", "reason", "none")
                .increment();
        return ingestion;
    }

    private PageIngestion assemble(String text, String source, String pageId, Instant now, boolean dryRun) {
        SegmentedPage page = segmenter.segment(text);
        LocalDate pageDate = page.date() != null ? page.date() : LocalDate.ofInstant(now, ZoneOffset.UTC);
        Tagger tagger = taxonomy.tagger();
        Map<String, PageIngestion.ArticleSighting> sightings = new LinkedHashMap<>();
        for (SegmentedArticle article : page.articles()) {
            String articleId = EventIds.article(source, article.title(), article.lede());
            if (sightings.containsKey(articleId)) {
                continue;
            }
            Optional<Instant> known = firstSeen.firstSeen(articleId);
            ArticleTags tags = tagger.tag(article.title(), article.paragraphs());
            LocalDate publishedOn = article.ownDate() != null ? article.ownDate() : pageDate;
            ArticleIngested event = new ArticleIngested(articleId, source, pageId, null, article.title(),
                    article.body(), publishedOn, known.orElse(now), now, tags.countries(), tags.currencies(),
                    tags.topics(), tags.entities(), tags.scores(), article.imageCredits());
            sightings.put(articleId, new PageIngestion.ArticleSighting(event, article.titleLine(), known.isPresent()));
        }
        Instant asOf = pageDate.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<RateQuoted> quotes = new ArrayList<>();
        for (TickerQuote quote : page.quotes()) {
            try {
                quotes.add(RateQuoted.fromQuote(quote.pair(), quote.rate(), quote.changePct(), asOf, source, pageId,
                        now));
            } catch (IllegalArgumentException e) {
                // The segmenter checked pair and rate; only an inverted change of -100% or less lands here.
                meters.counter("steppewire.ingest.quotes.unusable").increment();
            }
        }
        return new PageIngestion(pageId, source, pageDate, page.date() != null, dryRun,
                List.copyOf(sightings.values()), quotes, page.lines());
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}

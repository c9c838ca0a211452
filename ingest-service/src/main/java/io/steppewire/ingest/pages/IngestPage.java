package io.steppewire.ingest.pages;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.ingest.segmenter.ClassifiedLine;
import io.steppewire.ingest.segmenter.PageSegmenter;
import io.steppewire.ingest.segmenter.SegmentedArticle;
import io.steppewire.ingest.segmenter.SegmentedPage;
import io.steppewire.ingest.segmenter.TickerQuote;
import io.steppewire.ingest.stories.Stories;
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
 * Ingests one page: splits it, tags its articles, dates their first sighting, groups them into stories and publishes the
 * page's articles and quotes atomically (or, for a dry run, only says what it would publish). The page endpoint and the
 * front-page fetcher share this one path; only the {@link PageEventsWriter} that writes the events differs.
 */
@Service
public class IngestPage {

    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    /** The earliest time zone: once a day has begun there, a page may carry its date. */
    static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);
    /** The first-seen index usually catches up within seconds of start-up. */
    static final String WARMING_UP_RETRY_AFTER_SECONDS = "5";

    private final PageSegmenter segmenter = new PageSegmenter();
    private final CurrentTaxonomy taxonomy;
    private final FirstSeenIndex firstSeen;
    private final PageEventsWriter pageEndpointWriter;
    private final Clock clock;
    private final int maxLines;
    private final int maxArticles;
    private final Stories stories;
    private final MeterRegistry meters;
    private final Timer parseTimer;
    private final Timer publishTimer;
    private final DistributionSummary pageBytes;

    IngestPage(CurrentTaxonomy taxonomy, FirstSeenIndex firstSeen, PagePublisher publisher, Stories stories,
               Clock clock, IngestProperties properties, MeterRegistry meters) {
        this.taxonomy = taxonomy;
        this.firstSeen = firstSeen;
        this.pageEndpointWriter = events -> publisher.publish(events.articles(), events.quotes());
        this.stories = stories;
        this.clock = clock;
        this.maxLines = properties.maxPageLines();
        this.maxArticles = properties.maxPageArticles();
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
     * @throws PageRejectedException for a body that is empty, not UTF-8, has too many lines or articles, is dated in
     *                               the future or holds no article
     * @throws PublishFailedException when Kafka did not commit the page
     */
    public PageIngestion ingest(byte[] body, String source, boolean dryRun) {
        return ingest(body, source, dryRun, pageEndpointWriter);
    }

    /**
     * Ingests and publishes a page exactly as {@code ingest(body, source, false)} does, but its events are written by
     * {@code writer} instead of the page endpoint's producer.
     *
     * @throws PageRejectedException as {@link #ingest(byte[], String, boolean)}
     * @throws PublishFailedException when {@code writer} did not commit the page
     */
    public PageIngestion ingest(byte[] body, String source, PageEventsWriter writer) {
        return ingest(body, source, false, writer);
    }

    private PageIngestion ingest(byte[] body, String source, boolean dryRun, PageEventsWriter writer) {
        try {
            return ingestChecked(body, source, dryRun, writer);
        } catch (PageRejectedException e) {
            meters.counter("steppewire.ingest.pages", "outcome", "rejected", "reason", e.reason()).increment();
            throw e;
        } catch (PublishFailedException e) {
            meters.counter("steppewire.ingest.pages", "outcome", "failed", "reason", "kafka").increment();
            throw e;
        }
    }

    private PageIngestion ingestChecked(byte[] body, String source, boolean dryRun, PageEventsWriter writer) {
        if (!SOURCE.matcher(source).matches()) {
            throw new PageRejectedException(HttpStatus.BAD_REQUEST, "Invalid source", "invalid_source",
                    "Parameter 'source' must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter"
                            + " or digit (e.g. steppe-daily); got '" + abbreviate(source) + "'.", null);
        }
        String text = PageText.decode(body);
        int lines = PageSegmenter.lineCount(text);
        if (lines > maxLines) {
            throw new PageRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, "Too many lines", "too_many_lines",
                    "The page has " + lines + " lines; a page may have at most " + maxLines + " (blank lines count"
                            + " too). Send it in parts, or collapse its runs of blank lines; the limit is"
                            + " steppewire.ingest.max-page-lines (env STEPPEWIRE_INGEST_MAX_PAGE_LINES).", null);
        }
        Instant now = clock.instant();
        String pageId = EventIds.of("page", source, text);
        PageIngestion ingestion = parseTimer.record(() -> assemble(text, source, pageId, now, dryRun));
        refuseFutureDates(ingestion, LocalDate.ofInstant(now, EARLIEST_ZONE));
        if (ingestion.articles().isEmpty()) {
            throw new PageRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, "No article found", "no_article",
                    "The page holds no article: no line was recognised as a title followed by text. The 'lines'"
                            + " field lists every line with the role it got and why; a title is a short Title Case"
                            + " line without a final period, separated from its paragraphs by blank lines.",
                    ingestion.lines());
        }
        if (!dryRun && !firstSeen.isCaughtUp()) {
            // Publishing now could date a re-ingested article as new; the health check says the same.
            PageRejectedException warmingUp = new PageRejectedException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Still starting", "warming_up", "The service is still reading " + Topics.ARTICLES.name()
                    + " to learn which articles it has seen before. Nothing was published; send the page again in a"
                    + " few seconds (a dry run works already).", null);
            warmingUp.withHeader("Retry-After", WARMING_UP_RETRY_AFTER_SECONDS);
            throw warmingUp;
        }
        // Grouped only now, so that a page refused above leaves nothing in the story index.
        PageIngestion grouped = new PageIngestion(ingestion.pageId(), ingestion.source(), ingestion.publishedOn(),
                ingestion.dated(), ingestion.dryRun(), groupIntoStories(ingestion.articles(), now, dryRun),
                ingestion.quotes(), ingestion.lines());
        if (!dryRun) {
            PageEvents events = new PageEvents(source,
                    grouped.articles().stream().map(PageIngestion.ArticleSighting::event).toList(), grouped.quotes());
            publishTimer.record(() -> write(writer, events));
            for (PageIngestion.ArticleSighting sighting : grouped.articles()) {
                firstSeen.recordSighting(sighting.event().articleId(), sighting.event().firstSeenAt());
                meters.counter("steppewire.ingest.articles", "sighting", sighting.seenBefore() ? "repeat" : "new")
                        .increment();
            }
            meters.counter("steppewire.ingest.quotes").increment(ingestion.quotes().size());
            pageBytes.record(body.length);
        }
        meters.counter("steppewire.ingest.pages", "outcome", dryRun ? "dry_run" : "published", "reason", "none")
                .increment();
        return grouped;
    }

    private static void write(PageEventsWriter writer, PageEvents events) {
        try {
            writer.write(events);
        } catch (PublishFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            // Any writer's failure reads the same to the caller: nothing of the page is visible, send it again.
            throw new PublishFailedException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    /**
     * A date that has not begun anywhere on Earth is a typo or a forgery; published, it would make the page's quotes
     * the latest rates for everyone until that day. The page's date line dates its quotes and articles, and an
     * article's own date line under its title dates that article: both must have begun at UTC+14.
     */
    private static void refuseFutureDates(PageIngestion ingestion, LocalDate latestAllowed) {
        if (ingestion.dated() && ingestion.publishedOn().isAfter(latestAllowed)) {
            throw futureDate("The page's date line says " + ingestion.publishedOn() + ", which is in the future",
                    latestAllowed);
        }
        for (PageIngestion.ArticleSighting sighting : ingestion.articles()) {
            LocalDate published = sighting.event().publishedOn();
            if (published.isAfter(latestAllowed)) {
                throw futureDate("The date line under the title '" + abbreviate(sighting.event().title()) + "' (line "
                        + sighting.titleLine() + ") says " + published + ", which is in the future", latestAllowed);
            }
        }
    }

    private static PageRejectedException futureDate(String what, LocalDate latestAllowed) {
        return new PageRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, "Page dated in the future", "future_date",
                what + ": no time zone has reached that day yet (the latest date accepted now is " + latestAllowed
                        + ", today at UTC+14). Nothing was published; correct the date line and send the page again.",
                null);
    }

    private PageIngestion assemble(String text, String source, String pageId, Instant now, boolean dryRun) {
        SegmentedPage page = segmenter.segment(text);
        if (page.articles().size() > maxArticles) {
            // Each article is tagged, answered and published as a Kafka record: refused before any of that work.
            throw new PageRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, "Too many articles", "too_many_articles",
                    "The page holds " + page.articles().size() + " articles; a page may hold at most " + maxArticles
                            + ". Send it in parts; the limit is steppewire.ingest.max-page-articles"
                            + " (env STEPPEWIRE_INGEST_MAX_PAGE_ARTICLES).", null);
        }
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
            // A page dates its articles by day only; without any date line that day is the day it was ingested.
            boolean undated = article.ownDate() == null && page.date() == null;
            ArticleIngested event = new ArticleIngested(articleId, source, pageId, null, article.title(),
                    article.body(), publishedOn, known.orElse(now), now, tags.countries(), tags.currencies(),
                    tags.topics(), tags.entities(), tags.scores(), article.imageCredits(), null, null, null, undated);
            sightings.put(articleId, new PageIngestion.ArticleSighting(event, article.titleLine(), known.isPresent()));
        }
        Instant asOf = pageDate.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<RateQuoted> quotes = new ArrayList<>();
        List<ClassifiedLine> lines = new ArrayList<>(page.lines());
        for (TickerQuote quote : page.quotes()) {
            try {
                quotes.add(RateQuoted.fromQuote(quote.pair(), quote.rate(), quote.changePct(), asOf, source, pageId,
                        now));
            } catch (IllegalArgumentException e) {
                // The segmenter checked pair, rate and change; the canonical form (an inverted quote) can still be
                // refused, e.g. a change of -100% or less. The quote is dropped and its line says why.
                meters.counter("steppewire.ingest.quotes.unusable").increment();
                ClassifiedLine line = lines.get(quote.line() - 1);
                lines.set(quote.line() - 1, new ClassifiedLine(line.number(), line.text(), line.role(),
                        "ticker: quote " + quote.pair() + " not published, its canonical form is refused: "
                                + e.getMessage()));
            }
        }
        return new PageIngestion(pageId, source, pageDate, page.date() != null, dryRun,
                List.copyOf(sightings.values()), quotes, List.copyOf(lines));
    }

    /** The same sightings with each article's story; a dry run stores nothing. */
    private List<PageIngestion.ArticleSighting> groupIntoStories(List<PageIngestion.ArticleSighting> sightings,
                                                                 Instant now, boolean dryRun) {
        List<ArticleIngested> grouped;
        try {
            grouped = stories.assign(sightings.stream().map(PageIngestion.ArticleSighting::event).toList(), now,
                    !dryRun);
        } catch (RuntimeException e) {
            meters.counter("steppewire.ingest.stories.unavailable").increment();
            // Publishing without the story now could group a re-ingest of the same article differently later.
            PageRejectedException unavailable = new PageRejectedException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Story index unavailable", "stories_unavailable", "The articles could not be grouped into"
                    + " stories (the story index in MongoDB did not answer: " + e.getClass().getSimpleName() + ")."
                    + " Nothing was published; send the page again shortly.", null);
            unavailable.withHeader("Retry-After", WARMING_UP_RETRY_AFTER_SECONDS);
            throw unavailable;
        }
        List<PageIngestion.ArticleSighting> result = new ArrayList<>(sightings.size());
        for (int i = 0; i < sightings.size(); i++) {
            PageIngestion.ArticleSighting s = sightings.get(i);
            result.add(new PageIngestion.ArticleSighting(grouped.get(i), s.titleLine(), s.seenBefore()));
        }
        return List.copyOf(result);
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}

package io.steppewire.ingest.sources;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.steppewire.events.EventIds;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.ingest.pages.FirstSeenIndex;
import io.steppewire.ingest.pages.IngestPage;
import io.steppewire.ingest.pages.PageEventsWriter;
import io.steppewire.ingest.pages.PublishFailedException;
import io.steppewire.ingest.sources.feed.FeedItem;
import io.steppewire.ingest.sources.feed.FeedReader;
import io.steppewire.ingest.sources.feed.HtmlParagraphs;
import io.steppewire.ingest.sources.feed.UnreadableFeedException;
import io.steppewire.ingest.sources.fetch.Backoff;
import io.steppewire.ingest.sources.fetch.FetchResult;
import io.steppewire.ingest.sources.fetch.PoliteFetcher;
import io.steppewire.ingest.sources.fetch.Validators;
import io.steppewire.ingest.stories.Stories;
import io.steppewire.ingest.tagging.Tagger;
import io.steppewire.ingest.taxonomy.CurrentTaxonomy;
import io.steppewire.platform.problem.ProblemException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One fetch of one leased source, start to end: the polite GET, the answer turned into articles by the source's type,
 * only new and changed articles published (one Kafka transaction), the items remembered, and the source's state and
 * next due time written back under the lease. Validators are kept only when the articles were committed, so a fetch
 * whose publication failed is repeated in full rather than answered 304.
 */
public class FetchSources {

    private static final Logger log = LoggerFactory.getLogger(FetchSources.class);
    private static final String FEED_ACCEPT = "application/feed+json, application/atom+xml, application/rss+xml,"
            + " application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";
    private static final String HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

    private final SourceStore store;
    private final SeenItems seenItems;
    private final PoliteFetcher fetcher;
    private final Backoff backoff;
    private final ArticleWriter writer;
    private final PageEventsWriter frontPageWriter;
    private final CurrentTaxonomy taxonomy;
    private final FirstSeenIndex firstSeen;
    private final IngestPage ingestPage;
    private final Stories stories;
    private final ObjectProvider<HtmlExtraction> extraction;
    private final SourcesProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    public FetchSources(SourceStore store, SeenItems seenItems, PoliteFetcher fetcher, Backoff backoff,
                        ArticleWriter writer, PageEventsWriter frontPageWriter, CurrentTaxonomy taxonomy,
                        FirstSeenIndex firstSeen, IngestPage ingestPage, Stories stories,
                        ObjectProvider<HtmlExtraction> extraction, SourcesProperties properties, Clock clock,
                        MeterRegistry meters) {
        this.store = store;
        this.seenItems = seenItems;
        this.fetcher = fetcher;
        this.backoff = backoff;
        this.writer = writer;
        this.frontPageWriter = frontPageWriter;
        this.taxonomy = taxonomy;
        this.firstSeen = firstSeen;
        this.ingestPage = ingestPage;
        this.stories = stories;
        this.extraction = extraction;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /** Fetches the leased source and releases it with the outcome written; never throws for a source's fault. */
    public FetchReport fetch(SourceStore.Lease lease) throws InterruptedException {
        Source source = lease.source();
        long started = System.nanoTime();
        // Milliseconds, as MongoDB keeps them: a revision's firstSeenAt read back from the store equals the first one.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Outcome outcome;
        try {
            outcome = run(source, now);
        } catch (RuntimeException e) {
            log.warn("Fetching source {} ({}) failed", source.spec().name(), source.id(), e);
            outcome = Outcome.failed(null, "internal", e.getClass().getSimpleName() + ": " + e.getMessage(), null, 0);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        FetchState state = nextState(source, outcome, now);
        if (!store.release(lease, state)) {
            log.info("Source {} was deleted or taken over during its fetch; its outcome is not recorded", source.id());
        }
        record(source.spec().name(), outcome, took);
        return new FetchReport(source.id(), source.spec().name(), outcome.name, outcome.reason, outcome.error,
                outcome.status, now, took.toMillis(), outcome.bytes, outcome.fresh, outcome.revised, outcome.seen,
                outcome.failedItems, state.nextFetchAt());
    }

    private Outcome run(Source source, Instant now) throws InterruptedException {
        SourceSpec spec = source.spec();
        FetchState state = source.state();
        FetchResult result = fetcher.fetch(spec.url(), new Validators(state.etag(), state.lastModified()),
                spec.type() == SourceType.FEED ? FEED_ACCEPT : HTML_ACCEPT);
        return switch (result) {
            case FetchResult.NotModified nm -> Outcome.notModified(nm.status());
            case FetchResult.Failed f -> Outcome.failed(f.status(), f.reason(), f.message(), f.retryAfter(), 0);
            case FetchResult.Fetched fetched -> publish(source, fetched, now);
        };
    }

    private Outcome publish(Source source, FetchResult.Fetched fetched, Instant now) throws InterruptedException {
        SourceSpec spec = source.spec();
        long bytes = fetched.body().length;
        List<ItemArticles.Candidate> candidates = new ArrayList<>();
        List<FetchReport.ItemFailure> failures = new ArrayList<>();
        Map<String, String> notes = new LinkedHashMap<>();
        Tagger tagger = taxonomy.tagger();
        try {
            switch (spec.type()) {
                case FEED -> feedCandidates(spec, fetched, now, tagger, candidates, failures, notes);
                case ARTICLE -> candidates.add(articleCandidate(spec, fetched, now, tagger));
                case FRONT_PAGE -> {
                    return frontPage(source, fetched, now);
                }
            }
        } catch (UnreadableFeedException e) {
            return Outcome.failed(fetched.status(), "unreadable", e.getMessage(), null, bytes);
        } catch (ExtractionUnavailableException e) {
            return Outcome.failed(fetched.status(), "extraction_unavailable", e.getMessage(), null, bytes);
        }
        Map<String, ItemArticles.Candidate> unique = new LinkedHashMap<>();
        for (ItemArticles.Candidate c : candidates) {
            // A feed listing one item twice lists one article: the first listing counts.
            unique.putIfAbsent(c.draft().articleId(), c);
        }
        Map<String, SeenItems.Seen> known = seenItems.find(unique.keySet());
        List<ArticleIngested> toPublish = new ArrayList<>();
        List<SeenItems.Published> toRemember = new ArrayList<>();
        Outcome outcome = Outcome.fetched(fetched, bytes);
        for (ItemArticles.Candidate c : unique.values()) {
            String id = c.draft().articleId();
            SeenItems.Seen seen = known.get(id);
            FetchReport.Item item = new FetchReport.Item(id, c.draft().title(), c.draft().url(),
                    c.draft().publishedOn(), c.dateMissing(), notes.get(id));
            if (seen != null && seen.contentHash().equals(c.contentHash())) {
                outcome.seen.add(item);
                continue;
            }
            Instant firstSeenAt = seen != null ? seen.firstSeenAt() : firstSeen.firstSeen(id).orElse(now);
            toPublish.add(ItemArticles.firstSeenAt(c.draft(), firstSeenAt));
            toRemember.add(new SeenItems.Published(id, source.id(), c.contentHash(), firstSeenAt, now));
            (seen == null ? outcome.fresh : outcome.revised).add(item);
        }
        outcome.failedItems.addAll(failures);
        try {
            toPublish = stories.assign(toPublish, now, true);
        } catch (RuntimeException e) {
            return Outcome.failed(fetched.status(), "stories", "The articles could not be grouped into stories (the"
                    + " story index did not answer: " + e.getMessage() + "); nothing was published, they are fetched"
                    + " and sent again at the next attempt", null, bytes);
        }
        try {
            writer.publish(new FetchedArticles(spec.type(), spec.name(), toPublish));
        } catch (RuntimeException e) {
            return Outcome.failed(fetched.status(), "kafka", "The articles were not committed to Kafka: " + e.getMessage()
                    + "; they are fetched and sent again at the next attempt", null, bytes);
        }
        seenItems.remember(toRemember);
        for (ArticleIngested article : toPublish) {
            firstSeen.recordSighting(article.articleId(), article.firstSeenAt());
        }
        outcome.name = toPublish.isEmpty() ? "nothing_new" : "new_items";
        return outcome;
    }

    private void feedCandidates(SourceSpec spec, FetchResult.Fetched fetched, Instant now, Tagger tagger,
                                List<ItemArticles.Candidate> candidates, List<FetchReport.ItemFailure> failures,
                                Map<String, String> notes) throws UnreadableFeedException, InterruptedException {
        List<FeedItem> items = FeedReader.read(fetched.text(), fetched.finalUrl());
        if (items.size() > properties.maxItemsPerFetch()) {
            failures.add(new FetchReport.ItemFailure((items.size() - properties.maxItemsPerFetch()) + " items",
                    "beyond steppewire.ingest.sources.max-items-per-fetch (" + properties.maxItemsPerFetch()
                            + "); the first ones as listed were taken"));
            items = items.subList(0, properties.maxItemsPerFetch());
        }
        for (FeedItem item : items) {
            List<String> paragraphs = HtmlParagraphs.of(item.html());
            String title = item.title().isBlank() && !paragraphs.isEmpty() ? abbreviate(paragraphs.getFirst(), 120)
                    : item.title();
            if (title.isBlank()) {
                failures.add(new FetchReport.ItemFailure(describe(item), "no title and no text"));
                continue;
            }
            String note = null;
            if (spec.fetchFullText() && item.link() != null
                    && String.join(" ", paragraphs).length() < properties.shortSummary()) {
                FullText full = fullText(item.link());
                if (full.paragraphs != null) {
                    paragraphs = full.paragraphs;
                } else {
                    note = "full text not used: " + full.problem;
                }
            }
            ItemArticles.Candidate c = ItemArticles.candidate(spec.name(), title, item.link(), item.publishedAt(),
                    paragraphs, item.categories(), tagger, now);
            if (note != null) {
                notes.put(c.draft().articleId(), note);
            }
            candidates.add(c);
        }
    }

    private record FullText(@Nullable List<String> paragraphs, @Nullable String problem) {
    }

    private FullText fullText(URI link) throws InterruptedException {
        HtmlExtraction extractor = extraction.getIfAvailable();
        if (extractor == null) {
            return new FullText(null, "no HTML extraction in this build");
        }
        FetchResult result = fetcher.fetch(link, Validators.NONE, HTML_ACCEPT);
        if (!(result instanceof FetchResult.Fetched page)) {
            return new FullText(null, result instanceof FetchResult.Failed f ? f.reason() + ": " + f.message()
                    : "no content");
        }
        try {
            List<String> paragraphs = extractor.extractArticle(page.text(), page.finalUrl()).paragraphs();
            return paragraphs.isEmpty() ? new FullText(null, "the page held no main text") : new FullText(paragraphs, null);
        } catch (RuntimeException e) {
            return new FullText(null, "extraction failed: " + e.getMessage());
        }
    }

    private ItemArticles.Candidate articleCandidate(SourceSpec spec, FetchResult.Fetched fetched, Instant now,
                                                    Tagger tagger) {
        HtmlExtraction.Article article = extractor().extractArticle(fetched.text(), fetched.finalUrl());
        return ItemArticles.candidate(spec.name(), HtmlParagraphs.clean(article.title()), spec.url(),
                article.publishedAt(), article.paragraphs(), List.of(), tagger, now);
    }

    /**
     * A front page goes the way of a pushed page (segmented, tagged, dated and grouped by {@code IngestPage}), but its
     * articles and quotes are written by the front-page stream function in one transaction of the binder; the flattened
     * text's hash is remembered so an unchanged page is not published again.
     */
    private Outcome frontPage(Source source, FetchResult.Fetched fetched, Instant now) {
        String flattened = extractor().flattenFrontPage(fetched.text(), fetched.finalUrl(), now);
        String key = EventIds.of("front-page", source.id());
        String hash = EventIds.of("content", flattened);
        SeenItems.Seen seen = seenItems.find(List.of(key)).get(key);
        Outcome outcome = Outcome.fetched(fetched, fetched.body().length);
        if (seen != null && seen.contentHash().equals(hash)) {
            outcome.name = "nothing_new";
            return outcome;
        }
        try {
            var ingestion = ingestPage.ingest(flattened.getBytes(StandardCharsets.UTF_8), source.spec().name(),
                    frontPageWriter);
            for (var sighting : ingestion.articles()) {
                ArticleIngested e = sighting.event();
                (sighting.seenBefore() ? outcome.seen : outcome.fresh).add(new FetchReport.Item(e.articleId(),
                        e.title(), e.url(), e.publishedOn(), false, null));
            }
        } catch (PublishFailedException e) {
            return Outcome.failed(fetched.status(), "kafka", "The page's events were not committed to Kafka: "
                    + e.getMessage() + "; it is fetched and sent again at the next attempt", null, fetched.body().length);
        } catch (ProblemException e) {
            return Outcome.failed(fetched.status(), "page_refused", e.getMessage() + "", null, fetched.body().length);
        }
        seenItems.remember(List.of(new SeenItems.Published(key, source.id(), hash, seen == null ? now
                : seen.firstSeenAt(), now)));
        outcome.name = outcome.fresh.isEmpty() ? "nothing_new" : "new_items";
        return outcome;
    }

    private HtmlExtraction extractor() {
        HtmlExtraction extractor = extraction.getIfAvailable();
        if (extractor == null) {
            throw new ExtractionUnavailableException();
        }
        return extractor;
    }

    private static final class ExtractionUnavailableException extends RuntimeException {
        ExtractionUnavailableException() {
            super("This build has no HTML extraction (io.steppewire.ingest.extraction); front-page and article sources"
                    + " cannot be read until it has");
        }
    }

    private FetchState nextState(Source source, Outcome outcome, Instant now) {
        FetchState before = source.state();
        Duration interval = Duration.ofSeconds(source.spec().intervalSeconds());
        if (outcome.name.equals("failed")) {
            int failures = before.consecutiveFailures() + 1;
            return new FetchState(now, outcome.status, outcome.name, outcome.error, before.etag(), before.lastModified(),
                    before.itemsSeen(), backoff.afterFailure(now, interval, failures, outcome.retryAfter), failures);
        }
        // A 304 confirms the validators sent; a full answer brings its own (or none).
        boolean notModified = outcome.name.equals("not_modified");
        String etag = notModified ? before.etag() : outcome.etag;
        String lastModified = notModified ? before.lastModified() : outcome.lastModified;
        return new FetchState(now, outcome.status, outcome.name, null, etag, lastModified,
                before.itemsSeen() + outcome.fresh.size(), backoff.afterSuccess(now, interval), 0);
    }

    private void record(String source, Outcome outcome, Duration took) {
        meters.counter("steppewire.ingest.source.fetches", "source", source, "outcome", outcome.name,
                "reason", outcome.reason == null ? "none" : outcome.reason).increment();
        meters.counter("steppewire.ingest.source.items", "source", source, "sighting", "new")
                .increment(outcome.fresh.size());
        meters.counter("steppewire.ingest.source.items", "source", source, "sighting", "revised")
                .increment(outcome.revised.size());
        meters.counter("steppewire.ingest.source.items", "source", source, "sighting", "seen")
                .increment(outcome.seen.size());
        DistributionSummary.builder("steppewire.ingest.source.bytes").baseUnit("bytes").tag("source", source)
                .description("Bytes of source answers read").register(meters).record(outcome.bytes);
        Timer.builder("steppewire.ingest.source.fetch.duration").tag("source", source)
                .description("Time of one source fetch, publication included").register(meters)
                .record(took.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static String describe(FeedItem item) {
        if (item.link() != null) {
            return item.link().toString();
        }
        return item.guid() != null ? item.guid() : "(untitled item)";
    }

    private static String abbreviate(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "…" : text;
    }

    /** What a fetch came to, filled in as it goes. */
    private static final class Outcome {
        private String name;
        private @Nullable String reason;
        private @Nullable String error;
        private @Nullable Integer status;
        private @Nullable Duration retryAfter;
        private @Nullable String etag;
        private @Nullable String lastModified;
        private long bytes;
        private final List<FetchReport.Item> fresh = new ArrayList<>();
        private final List<FetchReport.Item> revised = new ArrayList<>();
        private final List<FetchReport.Item> seen = new ArrayList<>();
        private final List<FetchReport.ItemFailure> failedItems = new ArrayList<>();

        private Outcome(String name) {
            this.name = name;
        }

        static Outcome notModified(@Nullable Integer status) {
            Outcome o = new Outcome("not_modified");
            o.status = status;
            return o;
        }

        static Outcome failed(@Nullable Integer status, String reason, String error, @Nullable Duration retryAfter,
                              long bytes) {
            Outcome o = new Outcome("failed");
            o.status = status;
            o.reason = reason;
            o.error = error;
            o.retryAfter = retryAfter;
            o.bytes = bytes;
            return o;
        }

        static Outcome fetched(FetchResult.Fetched fetched, long bytes) {
            Outcome o = new Outcome("nothing_new");
            o.status = fetched.status();
            o.etag = fetched.etag();
            o.lastModified = fetched.lastModified();
            o.bytes = bytes;
            return o;
        }
    }
}

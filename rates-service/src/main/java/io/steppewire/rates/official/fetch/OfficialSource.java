package io.steppewire.rates.official.fetch;

import io.steppewire.events.EventIds;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.rates.official.FetchRange;
import io.steppewire.rates.official.MalformedPublicationException;
import io.steppewire.rates.official.OfficialQuotes;
import io.steppewire.rates.official.Publication;
import io.steppewire.rates.official.bank.BankFormat;
import io.steppewire.rates.official.bank.CbtFixedRate;
import io.steppewire.rates.official.bank.DatedFormat;
import io.steppewire.rates.official.bank.LatestFormat;
import io.steppewire.rates.official.fetch.OfficialMetrics.DateOutcome;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One official source at run time: its own thread, on which its scheduled fetches and those an operator asks for run
 * one after the other, so a bank that is slow, down or answering nonsense holds up only itself. A fetch publishes each
 * date's rates in one transaction, or nothing of that date; it stops at the first date that fails, so a bank that is
 * down is asked once, not once per date.
 * <p>
 * A scheduled fetch covers today in the bank's time zone and the days since the last date it published, up to
 * {@code catchUpDays} back, so a publication missed while the service was down or the bank was late is still fetched.
 * It publishes a date again only if the bank's rates for it changed; one asked for always publishes (the quote ids are
 * the same, so nothing changes downstream).
 */
public final class OfficialSource {

    private static final Logger log = LoggerFactory.getLogger(OfficialSource.class);
    /** Dates whose published quotes are remembered to tell a repeated scheduled fetch from a corrected publication. */
    private static final int REMEMBERED_DATES = 64;

    private final SourceSetup setup;
    private final BankClient bank;
    private final QuoteSink sink;
    private final Clock clock;
    private final int catchUpDays;
    private final Duration pauseBetweenRequests;
    private final OfficialMetrics metrics;
    private final AtomicReference<SourceState> state;
    private final AtomicBoolean askedForUnderWay = new AtomicBoolean();
    private final ScheduledExecutorService thread;
    /** Touched on the source's thread only. */
    private final Map<LocalDate, String> publishedDates = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LocalDate, String> eldest) {
            return size() > REMEMBERED_DATES;
        }
    };
    private volatile @Nullable Instant lastScheduled;

    OfficialSource(SourceSetup setup, BankClient bank, QuoteSink sink, Clock clock, int catchUpDays,
                   Duration pauseBetweenRequests, OfficialMetrics metrics) {
        this.setup = setup;
        this.bank = bank;
        this.sink = sink;
        this.clock = clock;
        this.catchUpDays = catchUpDays;
        this.pauseBetweenRequests = pauseBetweenRequests;
        this.metrics = metrics;
        this.state = new AtomicReference<>(SourceState.initial(setup.enabled()));
        // The thread starts with the first fetch, so a disabled source never has one.
        this.thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("official-rates-" + setup.id()).factory());
    }

    public SourceSetup setup() {
        return setup;
    }

    public SourceState state() {
        return state.get();
    }

    /** Today's date in the bank's time zone. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(setup.zone()));
    }

    /**
     * Starts fetching the dates on the source's thread, after any fetch already running there, and returns at once.
     *
     * @throws SourceUnavailableException when the source is disabled, a fetch asked for earlier has not ended, or the
     *                                    service is stopping
     */
    void fetchNow(FetchRange range) {
        if (!setup.enabled()) {
            throw new SourceUnavailableException(setup.id() + " is disabled (steppewire.rates.sources." + setup.id()
                    + ".enabled is false)");
        }
        if (!askedForUnderWay.compareAndSet(false, true)) {
            throw new SourceUnavailableException("a fetch of " + setup.id() + " asked for earlier is still under way;"
                    + " GET /api/rates/sources/" + setup.id() + " shows when it ends");
        }
        try {
            thread.execute(() -> {
                try {
                    run(range, false);
                } finally {
                    askedForUnderWay.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            askedForUnderWay.set(false);
            throw new SourceUnavailableException("the service is stopping");
        }
    }

    void start() {
        scheduleNext();
    }

    void stop() {
        thread.shutdownNow();
    }

    private void scheduleNext() {
        Instant now = clock.instant();
        Instant previous = lastScheduled;
        // A run the executor started a little early must not be scheduled again for the same moment.
        Instant after = previous != null && previous.isAfter(now) ? previous : now;
        Optional<Instant> next = setup.nextRunAfter(after);
        state.updateAndGet(s -> s.withNextRunAt(next.orElse(null)));
        next.ifPresent(at -> {
            lastScheduled = at;
            try {
                thread.schedule(this::scheduledRun, Duration.between(now, at).toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                log.debug("{} is stopping; no further fetch scheduled", setup.id());
            }
        });
    }

    private void scheduledRun() {
        try {
            run(scheduledRange(), true);
        } finally {
            scheduleNext();
        }
    }

    /** Today, and the days since the last date published, at most {@code catchUpDays} in all. */
    FetchRange scheduledRange() {
        LocalDate today = today();
        LocalDate lastPublished = state.get().lastPublishedDate();
        LocalDate from = lastPublished == null ? today : lastPublished.plusDays(1);
        LocalDate earliest = today.minusDays(catchUpDays - 1L);
        if (from.isBefore(earliest)) {
            from = earliest;
        }
        return new FetchRange(from.isAfter(today) ? today : from, today);
    }

    /** Runs on the source's thread. */
    void run(FetchRange range, boolean scheduled) {
        state.updateAndGet(s -> s.withRunning(new SourceState.Run(range.from(), range.to(), 0, scheduled, clock.instant())));
        Tally tally = new Tally(range);
        try {
            switch (setup.format()) {
                case DatedFormat dated -> fetchDates(dated, range, scheduled, tally);
                case LatestFormat latest -> fetchLatest(latest, scheduled, tally);
                case CbtFixedRate fixed -> fetchFixed(fixed, range, scheduled, tally);
            }
            finish(tally.status(), tally.summary());
        } catch (FetchFailedException e) {
            metrics.date(setup.id(), DateOutcome.FAILED);
            log.warn("Official rates of {} not fetched: {}", setup.id(), tally.failure(e.getMessage()));
            finish(SourceStatus.FAILED, tally.failure(e.getMessage()));
        } catch (RuntimeException e) {
            metrics.date(setup.id(), DateOutcome.FAILED);
            log.error("Fetching the official rates of {} failed unexpectedly", setup.id(), e);
            finish(SourceStatus.FAILED, tally.failure("unexpected failure: " + e));
        }
    }

    private void fetchDates(DatedFormat format, FetchRange range, boolean scheduled, Tally tally) throws FetchFailedException {
        URI base = requireUrl();
        boolean first = true;
        for (LocalDate date : range.dates()) {
            tally.at(date);
            Optional<String> closed = setup.calendar().closedOn(date);
            if (closed.isPresent()) {
                noNewRate(tally, closed.get());
            } else {
                if (!first) {
                    pause();
                }
                first = false;
                byte[] body = bank.get(format.addressFor(base, date), format.accept(), setup.maxResponseSize());
                Publication publication = read(() -> format.parse(body, date));
                if (publication.date().equals(date)) {
                    publish(publication, scheduled, tally);
                } else {
                    noNewRate(tally, "the bank answered with its rates of " + publication.date() + ", none for " + date);
                }
            }
            tally.done();
            state.updateAndGet(s -> s.running() == null ? s : s.withRunning(new SourceState.Run(range.from(), range.to(),
                    tally.datesDone(), scheduled, s.running().startedAt())));
        }
    }

    private void fetchLatest(LatestFormat format, boolean scheduled, Tally tally) throws FetchFailedException {
        byte[] body = bank.get(requireUrl(), format.accept(), setup.maxResponseSize());
        Publication publication = read(() -> format.parse(body));
        LocalDate today = today();
        tally.at(publication.date());
        if (publication.date().isAfter(today.plusDays(1))) {
            throw new FetchFailedException("the bank dated its rates " + publication.date() + ", more than a day after today ("
                    + today + ") in its time zone");
        }
        Optional<String> closed = setup.calendar().closedOn(publication.date());
        if (closed.isPresent()) {
            noNewRate(tally, closed.get());
        } else {
            publish(publication, scheduled, tally);
        }
        tally.done();
    }

    private void fetchFixed(CbtFixedRate format, FetchRange range, boolean scheduled, Tally tally) throws FetchFailedException {
        URI page = setup.url();
        if (page != null) {
            byte[] body = bank.get(page, format.accept(), setup.maxResponseSize());
            Optional<String> contradiction = format.contradictionIn(body);
            if (contradiction.isPresent()) {
                throw new FetchFailedException(contradiction.get());
            }
        }
        for (LocalDate date : range.dates()) {
            tally.at(date);
            Optional<String> closed = setup.calendar().closedOn(date);
            if (closed.isPresent()) {
                noNewRate(tally, closed.get());
            } else if (date.isBefore(format.since())) {
                noNewRate(tally, "the fixed rate holds from " + format.since());
            } else {
                publish(format.on(date), scheduled, tally);
            }
            tally.done();
        }
    }

    private void publish(Publication publication, boolean scheduled, Tally tally) throws FetchFailedException {
        LocalDate date = publication.date();
        BankFormat format = setup.format();
        OfficialQuotes.Conversion conversion = OfficialQuotes.of(publication, setup.id(), format.homeCurrency(), clock.instant());
        tally.leftOut(publication.skipped());
        tally.leftOut(conversion.skipped());
        List<RateQuoted> quotes = conversion.quotes();
        if (quotes.isEmpty()) {
            noNewRate(tally, "the bank published no usable rate for " + date);
            return;
        }
        String fingerprint = EventIds.of(quotes.stream().map(RateQuoted::quoteId).sorted().toArray(String[]::new));
        if (scheduled && fingerprint.equals(publishedDates.get(date))) {
            metrics.date(setup.id(), DateOutcome.PUBLISHED_ALREADY);
            tally.publishedAlready(date);
            return;
        }
        try {
            sink.publish(quotes);
        } catch (RuntimeException e) {
            throw new FetchFailedException("Kafka did not take the rates of " + date + ": " + e.getMessage(), e);
        }
        publishedDates.put(date, fingerprint);
        state.updateAndGet(s -> s.published(date, quotes.size(), clock.instant()));
        metrics.date(setup.id(), DateOutcome.PUBLISHED);
        metrics.quotesPublished(setup.id(), quotes.size());
        tally.published(date, quotes.size());
        log.info("Published {} official rates of {} for {}", quotes.size(), setup.id(), date);
    }

    private void noNewRate(Tally tally, String reason) {
        metrics.date(setup.id(), DateOutcome.NO_NEW_RATE);
        tally.noNewRate(reason);
    }

    private Publication read(Supplier<Publication> parse) throws FetchFailedException {
        try {
            return parse.get();
        } catch (MalformedPublicationException e) {
            throw new FetchFailedException("the answer is not a publication of the " + setup.format().bankName() + ": "
                    + e.getMessage(), e);
        }
    }

    private URI requireUrl() throws FetchFailedException {
        URI url = setup.url();
        if (url == null) {
            throw new FetchFailedException("no address is set (steppewire.rates.sources." + setup.id() + ".url)");
        }
        return url;
    }

    /** Spaces the requests of a fetch of several dates, as a polite client of a public site does. */
    private void pause() throws FetchFailedException {
        if (pauseBetweenRequests.isZero()) {
            return;
        }
        try {
            Thread.sleep(pauseBetweenRequests);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailedException("the fetch was interrupted: the service is stopping", e);
        }
    }

    private void finish(SourceStatus status, String outcome) {
        state.updateAndGet(s -> s.finished(status, outcome, clock.instant()));
    }

    /** What one fetch did, date by date, told in a sentence at its end. */
    private static final class Tally {

        /** Reasons of lines left out kept for the sentence; the rest are counted. */
        private static final int SHOWN_LEFT_OUT = 5;

        private final FetchRange range;
        private final List<LocalDate> published = new ArrayList<>();
        private final List<String> leftOut = new ArrayList<>();
        private int quotes;
        private int publishedAlready;
        private int withoutNewRate;
        private int datesDone;
        private int leftOutCount;
        private @Nullable LocalDate current;
        private @Nullable String lastReason;

        Tally(FetchRange range) {
            this.range = range;
        }

        void at(LocalDate date) {
            current = date;
        }

        void done() {
            datesDone++;
        }

        int datesDone() {
            return datesDone;
        }

        void published(LocalDate date, int count) {
            published.add(date);
            quotes += count;
        }

        void publishedAlready(LocalDate date) {
            publishedAlready++;
            lastReason = "the rates of " + date + " were published already and have not changed";
        }

        void noNewRate(String reason) {
            withoutNewRate++;
            lastReason = reason;
        }

        void leftOut(List<String> reasons) {
            for (String reason : reasons) {
                leftOutCount++;
                if (leftOut.size() < SHOWN_LEFT_OUT) {
                    leftOut.add(reason);
                }
            }
        }

        SourceStatus status() {
            return published.isEmpty() && publishedAlready == 0 ? SourceStatus.NO_NEW_RATE : SourceStatus.OK;
        }

        String summary() {
            String told;
            if (published.size() == 1 && withoutNewRate == 0 && publishedAlready == 0) {
                told = "published " + quotes + " rates of " + published.getFirst();
            } else if (published.isEmpty() && withoutNewRate + publishedAlready == 1 && lastReason != null) {
                told = publishedAlready == 1 ? lastReason : "no new rate: " + lastReason;
            } else {
                told = (range.days() == 1 ? range.from() : range.from() + " to " + range.to()) + ": " + published.size()
                        + " date(s) published (" + quotes + " rates), " + publishedAlready + " published already, "
                        + withoutNewRate + " without a new rate" + (lastReason == null ? "" : " (last: " + lastReason + ")");
            }
            return told + leftOutSentence();
        }

        String failure(String reason) {
            String where = current == null ? "" : current + ": ";
            String before = published.isEmpty() ? "" : " (" + published.size() + " date(s) published before it, up to "
                    + published.getLast() + ")";
            return where + reason + before;
        }

        private String leftOutSentence() {
            if (leftOutCount == 0) {
                return "";
            }
            return "; " + leftOutCount + " line(s) left out: " + String.join("; ", leftOut)
                    + (leftOutCount > leftOut.size() ? "; ..." : "");
        }
    }
}

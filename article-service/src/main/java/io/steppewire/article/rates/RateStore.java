package io.steppewire.article.rates;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.steppewire.article.store.ConditionalUpserts;
import io.steppewire.article.store.ConditionalUpserts.Upsert;
import io.steppewire.article.store.Generation;
import io.steppewire.article.store.ProjectionGenerations;
import io.steppewire.article.store.UpsertOutcome;
import io.steppewire.events.EventIds;
import io.steppewire.events.EventJson;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * Rates in three collections: the history (one point per pair, source and as-of), the latest quote per
 * pair, and every change with the last one per pair. Writes are conditional upserts, so a replay
 * changes nothing and an older quote or change never replaces a newer one. Live batches go to every generation
 * being written (see {@link ProjectionGenerations}), queries to the one readers use.
 */
@Component
public class RateStore implements InitializingBean {

    static final String HISTORY = "rate_history";
    static final String LATEST = "rate_latest";
    static final String CHANGES = "rate_changes";
    static final String LAST_CHANGE = "rate_last_change";
    /** The latest quote per pair and source. */
    static final String LATEST_PER_SOURCE = "rate_latest_sources";
    /**
     * Where an earlier version kept one document per pair and UTC day with all of that day's points, for daily charts:
     * it grew with every quote, towards MongoDB's 16 MB limit for a busy pair. Daily charts now read the history by
     * its index; the collection is dropped on start and with its generation.
     */
    static final String FORMER_DAYS = "rate_days";
    /** The collections of one generation, by base name. */
    public static final List<String> COLLECTIONS = List.of(HISTORY, LATEST, CHANGES, LAST_CHANGE, LATEST_PER_SOURCE, FORMER_DAYS);
    /** What a daily chart reads of each point of the history. */
    private static final Bson DAY_POINT_FIELDS = new Document("asOf", 1).append("source", 1).append("rate", 1)
            .append("decimals", 1).append("rateLow", 1).append("rateHigh", 1);

    private static final String ID = "_id";
    private static final String PAIR = "pair";
    private static final String SOURCE = "source";
    private static final String AS_OF = "asOf";
    private static final String QUOTED_AT = "quotedAt";
    private static final String CURRENT_AS_OF = "currentAsOf";
    private static final String DETECTED_AT = "detectedAt";
    private static final String EVENT = "event";

    private final MongoDatabase database;
    private final ProjectionGenerations generations;

    public RateStore(MongoDatabase database, ProjectionGenerations generations) {
        this.database = database;
        this.generations = generations;
    }

    private MongoCollection<Document> collection(Generation generation, String base) {
        return database.getCollection(generation.collection(base));
    }

    @Override
    public void afterPropertiesSet() {
        for (Generation generation : generations.current().writeTargets()) {
            createIndexes(generation);
            ProjectionGenerations.drop(database, generation, List.of(FORMER_DAYS));
        }
    }

    public void createIndexes(Generation generation) {
        collection(generation, HISTORY).createIndex(Indexes.ascending(PAIR, AS_OF, SOURCE));
        // The history of one source of a pair (?source=) on real MongoDB.
        collection(generation, HISTORY).createIndex(Indexes.ascending(PAIR, SOURCE, AS_OF));
        collection(generation, CHANGES).createIndex(Indexes.ascending(PAIR, CURRENT_AS_OF));
    }

    /** Drops the rates of a generation no longer used. */
    public void drop(Generation generation) {
        ProjectionGenerations.drop(database, generation, COLLECTIONS);
    }

    /** Adds quotes to the history and moves the latest rate of each pair forward, in every generation being written. */
    public UpsertOutcome recordQuotes(List<RateQuoted> quotes) {
        return generations.writeLive(target -> recordQuotes(target, quotes));
    }

    /** Adds quotes to the history and moves the latest rate of each pair forward, in one generation. */
    public UpsertOutcome recordQuotes(Generation target, List<RateQuoted> quotes) {
        Map<String, RateQuoted> perPoint = newestPer(quotes, RateStore::pointId, RateStore::laterQuote);
        List<Upsert> history = new ArrayList<>();
        for (RateQuoted quote : perPoint.values()) {
            history.add(new Upsert(pointId(quote), quoteDocument(pointId(quote), quote),
                    Filters.lt(QUOTED_AT, Date.from(quote.quotedAt()))));
        }
        List<Upsert> latest = new ArrayList<>();
        for (RateQuoted quote : newestPer(quotes, RateQuoted::pair, RateStore::laterQuote).values()) {
            Date asOf = Date.from(quote.asOf());
            Bson olderStored = Filters.or(
                    Filters.lt(AS_OF, asOf),
                    Filters.and(Filters.eq(AS_OF, asOf), Filters.lt(QUOTED_AT, Date.from(quote.quotedAt()))));
            latest.add(new Upsert(quote.pair(), quoteDocument(quote.pair(), quote), olderStored));
        }
        List<Upsert> latestPerSource = new ArrayList<>();
        for (RateQuoted quote : newestPer(quotes, RateStore::sourceId, RateStore::laterQuote).values()) {
            Date asOf = Date.from(quote.asOf());
            Bson olderStored = Filters.or(
                    Filters.lt(AS_OF, asOf),
                    Filters.and(Filters.eq(AS_OF, asOf), Filters.lt(QUOTED_AT, Date.from(quote.quotedAt()))));
            latestPerSource.add(new Upsert(sourceId(quote), quoteDocument(sourceId(quote), quote), olderStored));
        }
        UpsertOutcome outcome = ConditionalUpserts.run(collection(target, HISTORY), history);
        ConditionalUpserts.run(collection(target, LATEST), latest);
        ConditionalUpserts.run(collection(target, LATEST_PER_SOURCE), latestPerSource);
        return new UpsertOutcome(outcome.applied(), outcome.stale() + quotes.size() - perPoint.size());
    }

    /** Keeps every change and moves the last change of each pair forward, in every generation being written. */
    public UpsertOutcome recordChanges(List<RateChanged> changes) {
        return generations.writeLive(target -> recordChanges(target, changes));
    }

    /** Keeps every change and moves the last change of each pair forward, in one generation. */
    public UpsertOutcome recordChanges(Generation target, List<RateChanged> changes) {
        Map<String, RateChanged> perId = newestPer(changes, RateChanged::changeId, (a, b) -> b);
        List<Upsert> all = new ArrayList<>();
        for (RateChanged change : perId.values()) {
            // A change id covers both quotes, so a stored change with the same id is the same fact.
            all.add(new Upsert(change.changeId(), changeDocument(change.changeId(), change), null));
        }
        List<Upsert> last = new ArrayList<>();
        for (RateChanged change : newestPer(changes, RateChanged::pair, RateStore::laterChange).values()) {
            Date asOf = Date.from(change.current().asOf());
            Bson olderStored = Filters.or(
                    Filters.lt(CURRENT_AS_OF, asOf),
                    Filters.and(Filters.eq(CURRENT_AS_OF, asOf), Filters.lt(DETECTED_AT, Date.from(change.detectedAt()))));
            last.add(new Upsert(change.pair(), changeDocument(change.pair(), change), olderStored));
        }
        UpsertOutcome outcome = ConditionalUpserts.run(collection(target, CHANGES), all);
        ConditionalUpserts.run(collection(target, LAST_CHANGE), last);
        return new UpsertOutcome(outcome.applied(), outcome.stale() + changes.size() - perId.size());
    }

    /**
     * The latest quote of every pair with its last change, and its newest official and ticker quote: the sources in
     * {@code officialSources} are official, every other one a ticker.
     */
    public List<RateViews.LatestRate> latestRates(Collection<String> officialSources) {
        Generation readable = generations.active();
        Map<String, RateViews.Change> lastChanges = new HashMap<>();
        collection(readable, LAST_CHANGE).find().forEach(doc -> lastChanges.put(doc.getString(ID), RateViews.Change.of(change(doc))));
        Map<String, Document> official = new HashMap<>();
        Map<String, Document> ticker = new HashMap<>();
        collection(readable, LATEST_PER_SOURCE).find().forEach(doc ->
                (officialSources.contains(doc.getString(SOURCE)) ? official : ticker).merge(doc.getString(PAIR), doc, RateStore::laterStored));
        List<RateViews.LatestRate> rates = new ArrayList<>();
        collection(readable, LATEST).find().sort(Sorts.ascending(ID)).forEach(doc -> {
            String pair = doc.getString(PAIR);
            if (!official.containsKey(pair) && !ticker.containsKey(pair)) {
                // Projected before quotes were kept per source: the latest quote is all there is until a rebuild.
                (officialSources.contains(doc.getString(SOURCE)) ? official : ticker).put(pair, doc);
            }
            rates.add(new RateViews.LatestRate(pair, doc.getString("rate"), doc.getInteger("decimals"), doc.getString("rateLow"),
                    doc.getString("rateHigh"), doc.getDate(AS_OF).toInstant(), doc.getString(SOURCE),
                    doc.getString("reportedChangePct"), quotedAs(doc), lastChanges.get(pair), sourceRate(official.get(pair)),
                    sourceRate(ticker.get(pair))));
        });
        return rates;
    }

    private static Document laterStored(Document a, Document b) {
        int byAsOf = b.getDate(AS_OF).compareTo(a.getDate(AS_OF));
        return byAsOf > 0 || (byAsOf == 0 && b.getDate(QUOTED_AT).after(a.getDate(QUOTED_AT))) ? b : a;
    }

    private static RateViews.@Nullable SourceRate sourceRate(@Nullable Document doc) {
        return doc == null ? null : new RateViews.SourceRate(doc.getString(SOURCE), doc.getString("rate"), doc.getInteger("decimals"),
                doc.getString("rateLow"), doc.getString("rateHigh"), doc.getDate(AS_OF).toInstant(), doc.getString("reportedChangePct"),
                quotedAs(doc));
    }

    public boolean knows(String pair) {
        return collection(generations.active(), LATEST).find(Filters.eq(ID, pair)).first() != null;
    }

    /** Whether a quote of the pair from the source was seen. */
    public boolean knows(String pair, String source) {
        return collection(generations.active(), LATEST_PER_SOURCE).find(Filters.eq(ID, sourceId(pair, source))).first() != null;
    }

    /** The day of the newest quote of the pair (from the source, when one is given); null when none was seen. */
    public @Nullable LocalDate latestDay(String pair, @Nullable String source) {
        Document latest = collection(generations.active(), source == null ? LATEST : LATEST_PER_SOURCE)
                .find(Filters.eq(ID, source == null ? pair : sourceId(pair, source))).first();
        return latest == null ? null : DailyRates.day(latest.getDate(AS_OF).toInstant());
    }

    /**
     * One chart point per UTC day from {@code from} to {@code to} (inclusive) that has quotes (of the source), oldest
     * first: the history's points of those days, read by its (pair, as-of) index.
     */
    public List<RateViews.DailyPoint> daily(String pair, LocalDate from, LocalDate to, @Nullable String source) {
        List<Bson> filter = new ArrayList<>(List.of(Filters.eq(PAIR, pair), Filters.gte(AS_OF, Date.from(DailyRates.start(from))),
                Filters.lt(AS_OF, Date.from(DailyRates.start(to.plusDays(1))))));
        if (source != null) {
            filter.add(Filters.eq(SOURCE, source));
        }
        List<DailyRates.DayPoint> points = new ArrayList<>();
        collection(generations.active(), HISTORY).find(Filters.and(filter)).projection(DAY_POINT_FIELDS)
                .forEach(doc -> points.add(new DailyRates.DayPoint(doc.getDate(AS_OF).toInstant(), doc.getString(SOURCE),
                        new BigDecimal(doc.getString("rate")), doc.getInteger("decimals"), doc.getString("rateLow"),
                        doc.getString("rateHigh"))));
        return DailyRates.perDay(points, source);
    }

    /** History points of a pair (from one source, when one is given) with {@code from <= asOf < toExclusive}, oldest first. */
    public List<RateViews.HistoryPoint> history(String pair, @Nullable String source, @Nullable Instant from,
                                                @Nullable Instant toExclusive) {
        List<Bson> filter = new ArrayList<>(List.of(Filters.eq(PAIR, pair)));
        if (source != null) {
            filter.add(Filters.eq(SOURCE, source));
        }
        if (from != null) {
            filter.add(Filters.gte(AS_OF, Date.from(from)));
        }
        if (toExclusive != null) {
            filter.add(Filters.lt(AS_OF, Date.from(toExclusive)));
        }
        List<RateViews.HistoryPoint> points = new ArrayList<>();
        collection(generations.active(), HISTORY).find(Filters.and(filter)).sort(Sorts.ascending(AS_OF, SOURCE))
                .forEach(doc -> points.add(new RateViews.HistoryPoint(doc.getDate(AS_OF).toInstant(), doc.getString(SOURCE),
                        doc.getString("rate"), doc.getInteger("decimals"), doc.getString("rateLow"), doc.getString("rateHigh"),
                        doc.getString("reportedChangePct"), doc.getString("quoteId"))));
        return points;
    }

    /** Changes of a pair whose newer quote holds for {@code from <= asOf < toExclusive}, oldest first. */
    public List<RateViews.Change> changes(String pair, Instant from, Instant toExclusive) {
        List<RateViews.Change> changes = new ArrayList<>();
        collection(generations.active(), CHANGES)
                .find(Filters.and(Filters.eq(PAIR, pair), Filters.gte(CURRENT_AS_OF, Date.from(from)),
                        Filters.lt(CURRENT_AS_OF, Date.from(toExclusive))))
                .sort(Sorts.ascending(CURRENT_AS_OF, DETECTED_AT))
                .forEach(doc -> changes.add(RateViews.Change.of(change(doc))));
        return changes;
    }

    private static String pointId(RateQuoted quote) {
        return EventIds.of("rate-point", quote.pair(), quote.source(), quote.asOf().toString());
    }

    private static String sourceId(RateQuoted quote) {
        return sourceId(quote.pair(), quote.source());
    }

    private static String sourceId(String pair, String source) {
        return EventIds.of("rate-source", pair, source);
    }

    private static RateQuoted laterQuote(RateQuoted a, RateQuoted b) {
        int byAsOf = b.asOf().compareTo(a.asOf());
        return byAsOf > 0 || (byAsOf == 0 && b.quotedAt().isAfter(a.quotedAt())) ? b : a;
    }

    private static RateChanged laterChange(RateChanged a, RateChanged b) {
        int byAsOf = b.current().asOf().compareTo(a.current().asOf());
        return byAsOf > 0 || (byAsOf == 0 && b.detectedAt().isAfter(a.detectedAt())) ? b : a;
    }

    private static <T> Map<String, T> newestPer(List<T> items, java.util.function.Function<T, String> key, BinaryOperator<T> newer) {
        Map<String, T> newest = new LinkedHashMap<>();
        for (T item : items) {
            newest.merge(key.apply(item), item, newer);
        }
        return newest;
    }

    private static Document quoteDocument(String id, RateQuoted quote) {
        Document doc = new Document(ID, id)
                .append(PAIR, quote.pair())
                .append(SOURCE, quote.source())
                .append(AS_OF, Date.from(quote.asOf()))
                .append(QUOTED_AT, Date.from(quote.quotedAt()))
                .append("rate", quote.rate().toPlainString())
                .append("decimals", quote.decimals())
                .append("rateLow", quote.rateLow().toPlainString())
                .append("rateHigh", quote.rateHigh().toPlainString())
                .append("reportedChangePct", text(quote.reportedChangePct()))
                .append("quoteId", quote.quoteId())
                .append("pageId", quote.pageId());
        if (quote.quotedAs() != null) {
            doc.append("quotedAs", new Document(PAIR, quote.quotedAs().pair()).append("rate", quote.quotedAs().rate().toPlainString())
                    .append("decimals", quote.quotedAs().decimals()));
        }
        return doc;
    }

    private static RateViews.@Nullable QuotedAs quotedAs(Document doc) {
        Document quotedAs = doc.get("quotedAs", Document.class);
        return quotedAs == null ? null
                : new RateViews.QuotedAs(quotedAs.getString(PAIR), quotedAs.getString("rate"), quotedAs.getInteger("decimals"));
    }

    private static Document changeDocument(String id, RateChanged change) {
        // The event is kept whole, in its own JSON form, so nothing of it is lost in translation.
        return new Document(ID, id)
                .append(PAIR, change.pair())
                .append(CURRENT_AS_OF, Date.from(change.current().asOf()))
                .append(DETECTED_AT, Date.from(change.detectedAt()))
                .append(EVENT, Document.parse(EventJson.mapper().writeValueAsString(change)));
    }

    private static RateChanged change(Document doc) {
        return EventJson.mapper().readValue(doc.get(EVENT, Document.class).toJson(), RateChanged.class);
    }

    private static @Nullable String text(@Nullable BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}

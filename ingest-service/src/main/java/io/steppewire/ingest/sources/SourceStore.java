package io.steppewire.ingest.sources;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Repository;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The source registry in MongoDB, collection {@code sources}: one small document per source, shared by all instances.
 * An instance fetches a source only while the document carries its lease token and a lease end in the future, taken
 * by one conditional update, and it writes the fetch's outcome only while it still holds that lease, so two instances
 * never fetch one source at once nor overwrite each other's state.
 */
@Repository
public class SourceStore {

    static final String COLLECTION = "sources";
    private static final String TOKEN = "leaseToken";
    private static final String UNTIL = "leaseUntil";
    private static final Date NO_LEASE = new Date(0);

    /** A source taken for one fetch: only the holder of {@code token} records its outcome. */
    public record Lease(Source source, String token) {
    }

    private final MongoTemplate mongo;

    public SourceStore(MongoTemplate mongo) {
        this.mongo = mongo;
        // Names become the articles' source and must stay unambiguous; due-ness is what every poll asks.
        mongo.indexOps(COLLECTION).createIndex(new Index("name", Sort.Direction.ASC).unique());
        mongo.indexOps(COLLECTION).createIndex(new Index("enabled", Sort.Direction.ASC)
                .on("state.nextFetchAt", Sort.Direction.ASC));
    }

    private MongoCollection<Document> sources() {
        return mongo.getCollection(COLLECTION);
    }

    /** @throws DuplicateSourceNameException when another source has that name */
    public Source create(SourceSpec spec, Instant now) {
        String id = UUID.randomUUID().toString();
        Source source = new Source(id, spec, now, now, FetchState.firstDueAt(now));
        Document doc = specDocument(spec).append("_id", id).append("createdAt", Date.from(now))
                .append("updatedAt", Date.from(now)).append("state", stateDocument(source.state()))
                .append(TOKEN, null).append(UNTIL, NO_LEASE);
        try {
            sources().insertOne(doc);
        } catch (MongoWriteException e) {
            throw duplicateOr(e, spec.name());
        }
        return source;
    }

    public Optional<Source> find(String id) {
        return Optional.ofNullable(sources().find(Filters.eq("_id", id)).first()).map(SourceStore::source);
    }

    public List<Source> all() {
        List<Source> all = new ArrayList<>();
        sources().find().sort(Sorts.ascending("name")).forEach(d -> all.add(source(d)));
        return all;
    }

    /**
     * Replaces what the operator asked for and keeps what fetching found; a changed URL forgets the validators of the
     * old one, and an enabled source becomes due at once when its interval now has passed.
     *
     * @throws DuplicateSourceNameException when another source has the new name
     */
    public Optional<Source> update(String id, SourceSpec spec, Instant now) {
        Optional<Source> before = find(id);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        List<Bson> changes = new ArrayList<>();
        specDocument(spec).forEach((key, value) -> changes.add(Updates.set(key, value)));
        changes.add(Updates.set("updatedAt", Date.from(now)));
        if (!before.get().spec().url().equals(spec.url())) {
            changes.add(Updates.set("state.etag", null));
            changes.add(Updates.set("state.lastModified", null));
            changes.add(Updates.set("state.nextFetchAt", Date.from(now)));
        }
        try {
            Document after = sources().findOneAndUpdate(Filters.eq("_id", id), Updates.combine(changes),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            return Optional.ofNullable(after).map(SourceStore::source);
        } catch (MongoWriteException e) {
            throw duplicateOr(e, spec.name());
        }
    }

    public boolean delete(String id) {
        return sources().deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1;
    }

    /** Takes the enabled source that has waited longest past its due time, unless another instance holds it. */
    public Optional<Lease> claimDue(Instant now, Instant leaseUntil) {
        return claim(Filters.and(Filters.eq("enabled", true), Filters.lte("state.nextFetchAt", Date.from(now)),
                Filters.lte(UNTIL, Date.from(now))), now, leaseUntil);
    }

    /**
     * Takes one source for a fetch asked for now, due or not.
     *
     * @return empty when there is no such source or another instance is fetching it
     */
    public Optional<Lease> claim(String id, Instant now, Instant leaseUntil) {
        return claim(Filters.and(Filters.eq("_id", id), Filters.lte(UNTIL, Date.from(now))), now, leaseUntil);
    }

    private Optional<Lease> claim(Bson filter, Instant now, Instant leaseUntil) {
        String token = UUID.randomUUID().toString();
        Document claimed = sources().findOneAndUpdate(filter,
                Updates.combine(Updates.set(TOKEN, token), Updates.set(UNTIL, Date.from(leaseUntil))),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("state.nextFetchAt"))
                        .returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed).map(d -> new Lease(source(d), token));
    }

    /**
     * Records a fetch's outcome and lets the source go, if the lease is still this fetch's.
     *
     * @return false when the lease had passed to another instance or the source was deleted: nothing was written
     */
    public boolean release(Lease lease, FetchState state) {
        return sources().updateOne(Filters.and(Filters.eq("_id", lease.source().id()), Filters.eq(TOKEN, lease.token())),
                Updates.combine(Updates.set("state", stateDocument(state)), Updates.set(TOKEN, null),
                        Updates.set(UNTIL, NO_LEASE))).getModifiedCount() == 1;
    }

    private static RuntimeException duplicateOr(MongoWriteException e, String name) {
        if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
            return new DuplicateSourceNameException(name);
        }
        return e;
    }

    private static Document specDocument(SourceSpec spec) {
        return new Document("name", spec.name()).append("type", spec.type().wireName())
                .append("url", spec.url().toString()).append("intervalSeconds", spec.intervalSeconds())
                .append("enabled", spec.enabled()).append("fetchFullText", spec.fetchFullText());
    }

    private static Document stateDocument(FetchState s) {
        return new Document("lastFetchAt", date(s.lastFetchAt())).append("lastStatus", s.lastStatus())
                .append("lastOutcome", s.lastOutcome()).append("lastError", s.lastError())
                .append("etag", s.etag()).append("lastModified", s.lastModified())
                .append("itemsSeen", s.itemsSeen()).append("nextFetchAt", Date.from(s.nextFetchAt()))
                .append("consecutiveFailures", s.consecutiveFailures());
    }

    private static Source source(Document d) {
        SourceSpec spec = new SourceSpec(d.getString("name"),
                SourceType.ofWireName(d.getString("type")).orElseThrow(), URI.create(d.getString("url")),
                d.getInteger("intervalSeconds"), d.getBoolean("enabled"), d.getBoolean("fetchFullText"));
        Document s = d.get("state", Document.class);
        Number itemsSeen = s.get("itemsSeen", Number.class);
        FetchState state = new FetchState(instant(s.getDate("lastFetchAt")), s.getInteger("lastStatus"),
                s.getString("lastOutcome"), s.getString("lastError"), s.getString("etag"), s.getString("lastModified"),
                itemsSeen == null ? 0 : itemsSeen.longValue(), s.getDate("nextFetchAt").toInstant(),
                s.getInteger("consecutiveFailures", 0));
        return new Source(d.getString("_id"), spec, d.getDate("createdAt").toInstant(),
                d.getDate("updatedAt").toInstant(), state);
    }

    private static @Nullable Date date(@Nullable Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static @Nullable Instant instant(@Nullable Date date) {
        return date == null ? null : date.toInstant();
    }
}

package io.steppewire.article.articles;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.steppewire.article.store.ConditionalUpserts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The chunk ids of a posting ({@code copper:2026-03}) in documents of bounded size: bucket 0 has the posting's id,
 * bucket n the id {@code copper:2026-03/n}. Writers add to the newest bucket until it holds
 * {@link PostingLimits#chunkIdsPerBucket()} ids and then open the next one, whose number bucket 0 keeps
 * ({@code open}), so readers find every bucket from bucket 0. A full bucket never changes again.
 *
 * <p>Only plain {@code _id} filters: the embedded store (mongo-java-server) uses its {@code _id} index for nothing
 * else. Each bucket counts what was added to it ({@code count}); writers read the counts of the buckets they are
 * about to write, so two writers may each add one id to a bucket that the other has just filled, no more. A
 * posting document written before buckets existed has no count: it counts as full.
 */
final class PostingBuckets {

    private static final String ID = "_id";
    private static final String CHUNKS = "chunks";
    private static final String COUNT = "count";
    private static final String OPEN = "open";
    private static final String BUCKET_SEPARATOR = "/";
    /** Ids per {@code $in} query: the embedded store checks every document it finds against the whole list. */
    private static final int READ_SLICE = 500;
    /** Postings whose newest bucket this instance remembers (about 100 bytes each); others are looked up again. */
    private static final int MAX_REMEMBERED_POSTINGS = 200_000;

    private final Supplier<MongoCollection<Document>> collection;
    private final PostingLimits limits;
    /** The newest bucket this instance knows of per posting, least recently written out first. */
    private final Map<String, Integer> newestBuckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_REMEMBERED_POSTINGS;
        }
    };

    PostingBuckets(Supplier<MongoCollection<Document>> collection, PostingLimits limits) {
        this.collection = collection;
        this.limits = limits;
    }

    static String bucketId(String postingId, int bucket) {
        return bucket == 0 ? postingId : postingId + BUCKET_SEPARATOR + bucket;
    }

    void forget() {
        synchronized (newestBuckets) {
            newestBuckets.clear();
        }
    }

    /** Adds each posting's chunk ids to its newest bucket, opening the next bucket where that one is full. */
    void add(Map<String, List<String>> chunkIdsPerPosting) {
        List<WriteModel<Document>> openings = new ArrayList<>();
        List<WriteModel<Document>> additions = new ArrayList<>(chunkIdsPerPosting.size());
        Map<String, List<String>> pending = chunkIdsPerPosting;
        while (!pending.isEmpty()) {
            Map<String, Integer> assumed = new HashMap<>(pending.size());
            List<String> ids = new ArrayList<>(pending.size() * 2);
            synchronized (newestBuckets) {
                pending.keySet().forEach(posting -> assumed.put(posting, newestBuckets.getOrDefault(posting, 0)));
            }
            assumed.forEach((posting, bucket) -> {
                ids.add(posting);
                if (bucket > 0) {
                    ids.add(bucketId(posting, bucket));
                }
            });
            Map<String, Document> found = new HashMap<>(ids.size());
            read(ids, Projections.include(OPEN, COUNT), doc -> found.put(doc.getString(ID), doc));
            Map<String, List<String>> again = new HashMap<>();
            pending.forEach((posting, chunkIds) -> {
                int bucket = assumed.get(posting);
                Document first = found.get(posting);
                int open = first == null ? 0 : first.getInteger(OPEN, 0);
                if (open > bucket) {
                    // Another writer opened a newer bucket: its count is read in the next round.
                    remember(posting, open);
                    again.put(posting, chunkIds);
                    return;
                }
                Document newest = found.get(bucketId(posting, bucket));
                int target = bucket;
                if (newest != null && full(newest, chunkIds.size())) {
                    target = bucket + 1;
                    // Bucket 0 exists: the full bucket is bucket 0 or was opened by raising its open.
                    openings.add(new UpdateOneModel<>(Filters.eq(ID, posting), Updates.max(OPEN, target)));
                }
                additions.add(new UpdateOneModel<>(Filters.eq(ID, bucketId(posting, target)),
                        Updates.combine(Updates.addEachToSet(CHUNKS, chunkIds), Updates.inc(COUNT, chunkIds.size())),
                        ConditionalUpserts.UPSERT));
                remember(posting, target);
            });
            pending = again;
        }
        // Openings first, so that a reader who finds a chunk id in a new bucket could find the bucket from bucket 0.
        ConditionalUpserts.upsertAll(collection.get(), openings);
        ConditionalUpserts.upsertAll(collection.get(), additions);
    }

    private boolean full(Document bucket, int adding) {
        Object count = bucket.get(COUNT);
        if (!(count instanceof Number stored)) {
            return true;
        }
        return stored.intValue() > 0 && stored.intValue() + adding > limits.chunkIdsPerBucket();
    }

    private void remember(String posting, int bucket) {
        synchronized (newestBuckets) {
            newestBuckets.put(posting, bucket);
        }
    }

    /**
     * The chunk ids of each posting, per bucket id; postings without a document are left out. Full buckets are
     * read whole each time like the newest one: their ids are what the term caches of {@link TermPostings} check.
     */
    Map<String, Map<String, List<String>>> chunkIds(Collection<String> postingIds) {
        Map<String, Map<String, List<String>>> perPosting = new HashMap<>();
        Map<String, String> laterBuckets = new HashMap<>();
        read(postingIds, null, doc -> {
            String posting = doc.getString(ID);
            Map<String, List<String>> buckets = new HashMap<>();
            buckets.put(posting, doc.getList(CHUNKS, String.class, List.of()));
            perPosting.put(posting, buckets);
            for (int bucket = 1; bucket <= doc.getInteger(OPEN, 0); bucket++) {
                laterBuckets.put(bucketId(posting, bucket), posting);
            }
        });
        read(laterBuckets.keySet(), null, doc -> {
            String bucket = doc.getString(ID);
            perPosting.get(laterBuckets.get(bucket)).put(bucket, doc.getList(CHUNKS, String.class, List.of()));
        });
        return perPosting;
    }

    private void read(Collection<String> ids, @Nullable Bson projection, Consumer<Document> action) {
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += READ_SLICE) {
            var found = collection.get().find(Filters.in(ID, all.subList(from, Math.min(all.size(), from + READ_SLICE))));
            (projection == null ? found : found.projection(projection)).forEach(action);
        }
    }
}

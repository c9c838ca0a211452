package io.steppewire.notify.subscription.store;

import io.steppewire.notify.subscription.Subscription;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** MongoDB is the source of truth for subscriptions; every instance's index is refreshed from here. */
@Repository
public class SubscriptionStore {

    private final MongoTemplate mongo;

    public SubscriptionStore(MongoTemplate mongo) {
        this.mongo = mongo;
        // Polling for changes reads by updatedAt; listing pages by createdAt, a subscriber's own by owner and createdAt.
        mongo.indexOps(SubscriptionDocument.class).createIndex(new Index("updatedAt", Sort.Direction.ASC));
        mongo.indexOps(SubscriptionDocument.class).createIndex(new Index("createdAt", Sort.Direction.ASC));
        mongo.indexOps(SubscriptionDocument.class).createIndex(new Index("ownerKeyId", Sort.Direction.ASC).on("createdAt", Sort.Direction.ASC));
    }

    public void insert(Subscription subscription) {
        mongo.insert(SubscriptionDocument.of(subscription));
    }

    /** Replaces the stored version {@code expectedVersion}; false when another change came first. */
    public boolean replace(Subscription subscription, long expectedVersion) {
        Query current = Query.query(Criteria.where("_id").is(subscription.id()).and("version").is(expectedVersion));
        return mongo.findAndReplace(current, SubscriptionDocument.of(subscription), FindAndReplaceOptions.none()) != null;
    }

    public Optional<Subscription> find(String id) {
        return Optional.ofNullable(mongo.findById(id, SubscriptionDocument.class))
                .map(SubscriptionDocument::toSubscription);
    }

    /** Live subscriptions, oldest first. */
    public List<Subscription> list(int offset, int limit) {
        Query live = Query.query(Criteria.where("deleted").is(false))
                .with(Sort.by("createdAt", "_id")).skip(offset).limit(limit);
        return mongo.find(live, SubscriptionDocument.class).stream().map(SubscriptionDocument::toSubscription).toList();
    }

    /** Live subscriptions created with the subscriber key {@code ownerKeyId}, oldest first. */
    public List<Subscription> listOwnedBy(String ownerKeyId, int offset, int limit) {
        Query owned = Query.query(Criteria.where("ownerKeyId").is(ownerKeyId).and("deleted").is(false))
                .with(Sort.by("createdAt", "_id")).skip(offset).limit(limit);
        return mongo.find(owned, SubscriptionDocument.class).stream().map(SubscriptionDocument::toSubscription).toList();
    }

    /** Every subscription, tombstones included, changed at or after {@code since}. */
    public List<Subscription> changedSince(Instant since) {
        Query changed = Query.query(Criteria.where("updatedAt").gte(since)).with(Sort.by("updatedAt"));
        return mongo.find(changed, SubscriptionDocument.class).stream().map(SubscriptionDocument::toSubscription).toList();
    }

    public List<Subscription> allLive() {
        return mongo.find(Query.query(Criteria.where("deleted").is(false)), SubscriptionDocument.class).stream()
                .map(SubscriptionDocument::toSubscription).toList();
    }
}

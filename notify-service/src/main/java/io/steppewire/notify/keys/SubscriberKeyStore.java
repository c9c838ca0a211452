package io.steppewire.notify.keys;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code subscriber_keys} collection: one document per key, keyed by its id, found by its hash. */
@Repository
public class SubscriberKeyStore {

    private final MongoTemplate mongo;

    public SubscriberKeyStore(MongoTemplate mongo) {
        this.mongo = mongo;
        // Every authenticated request looks a key up by its hash; two keys can never share one.
        mongo.indexOps(SubscriberKey.class).createIndex(new Index("keyHash", Sort.Direction.ASC).unique());
        mongo.indexOps(SubscriberKey.class).createIndex(new Index("createdAt", Sort.Direction.ASC));
    }

    /** Inserts a new key under its id; fails rather than overwrite a key with the same id or hash. */
    public void insert(SubscriberKey key) {
        mongo.insert(key);
    }

    public Optional<SubscriberKey> find(String id) {
        return Optional.ofNullable(mongo.findById(id, SubscriberKey.class));
    }

    public Optional<SubscriberKey> findByHash(String keyHash) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("keyHash").is(keyHash)), SubscriberKey.class));
    }

    /** Keys, revoked ones included, oldest first. */
    public List<SubscriberKey> list(int offset, int limit) {
        return mongo.find(new Query().with(Sort.by("createdAt", "_id")).skip(offset).limit(limit), SubscriberKey.class);
    }

    /** Gives a live key a new hash (the old key stops matching); false when it is revoked or unknown. */
    public boolean rotate(String id, String newKeyHash) {
        Query live = Query.query(Criteria.where("_id").is(id).and("revokedAt").is(null));
        return mongo.updateFirst(live, Update.update("keyHash", newKeyHash), SubscriberKey.class).getModifiedCount() > 0;
    }

    /** Marks the key revoked unless it already is (the first revocation's time stays); false when it already was or is unknown. */
    public boolean revoke(String id, Instant at) {
        Query live = Query.query(Criteria.where("_id").is(id).and("revokedAt").is(null));
        return mongo.updateFirst(live, Update.update("revokedAt", at), SubscriberKey.class).getModifiedCount() > 0;
    }
}

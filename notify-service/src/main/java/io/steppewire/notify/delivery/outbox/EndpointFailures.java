package io.steppewire.notify.delivery.outbox;

import com.mongodb.client.model.UpdateOptions;
import io.steppewire.notify.delivery.AttemptOutcome;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each endpoint's unbroken run of failures, shared by all instances in {@code delivery_endpoints}: one document per
 * failing endpoint, written when a run starts and removed by the next success, so a healthy endpoint costs no write.
 * What this instance knows to be failing is refreshed from the store, so a success here ends a run another instance
 * began.
 */
@Repository
public class EndpointFailures {

    private static final Logger log = LoggerFactory.getLogger(EndpointFailures.class);
    static final String COLLECTION = "delivery_endpoints";

    /** An endpoint failing since {@code since}, and the last failure's error. */
    public record FailingEndpoint(String endpoint, Instant since, @Nullable String lastError) {
    }

    private final MongoTemplate mongo;
    private final Set<String> knownFailing = ConcurrentHashMap.newKeySet();

    public EndpointFailures(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Counts an attempt's outcome: a failure of the endpoint starts a run (once), a success ends one. */
    public void count(String endpoint, AttemptOutcome outcome) {
        try {
            if (outcome.succeeded() || !EndpointGuards.countsAgainstEndpoint(outcome)) {
                // A permanent refusal says the receiver is up, as a success does.
                if (knownFailing.remove(endpoint)) {
                    mongo.getCollection(COLLECTION).deleteOne(new Document("_id", endpoint));
                }
            } else if (knownFailing.add(endpoint)) {
                mongo.getCollection(COLLECTION).updateOne(new Document("_id", endpoint),
                        new Document("$min", new Document("since", Date.from(outcome.at())))
                                .append("$set", new Document("lastError", outcome.error())), new UpdateOptions().upsert(true));
            }
        } catch (RuntimeException e) {
            // The next refresh puts the run right; the delivery itself is recorded apart from this.
            log.warn("Could not note the outcome at {} for disabling: {}", endpoint, e.toString());
        }
    }

    /** Endpoints failing since {@code cutoff} or earlier. */
    public List<FailingEndpoint> failingSince(Instant cutoff) {
        List<FailingEndpoint> failing = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(new Document("since", new Document("$lte", Date.from(cutoff))))
                .forEach(d -> failing.add(new FailingEndpoint(d.getString("_id"), d.getDate("since").toInstant(), d.getString("lastError"))));
        return failing;
    }

    /** Takes what every instance recorded, so that a success here ends a run begun elsewhere. */
    @Scheduled(fixedDelayString = "${steppewire.notify.delivery.disable-check-interval:PT1M}")
    public void refresh() {
        try {
            Set<String> stored = ConcurrentHashMap.newKeySet();
            mongo.getCollection(COLLECTION).find().projection(new Document("_id", 1)).forEach(d -> stored.add(d.getString("_id")));
            knownFailing.addAll(stored);
            knownFailing.retainAll(stored);
        } catch (RuntimeException e) {
            log.warn("Could not read the failing endpoints: {}", e.toString());
        }
    }
}

package io.steppewire.notify.alerting;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.steppewire.notify.support.InMemoryMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Alerts stored and numbered in one bulk write: each stored once, numbered once, in the order given per subscription. */
class AlertStoreTest {

    private static final MongoClient CLIENT = MongoClients.create(InMemoryMongo.uri());

    private final MongoTemplate mongo = new MongoTemplate(CLIENT, "alerts-" + System.nanoTime());
    private final AlertStore store = new AlertStore(mongo);
    private final Instant now = Instant.parse("2026-03-14T09:00:00Z");

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void alertsAreNumberedInOrderPerSubscriptionInTheWriteThatStoresThemAndKeepTheirNumbers() {
        List<AlertStore.Stored> stored = store.storeAll(List.of(alert("a1", "sub-a"), alert("b1", "sub-b"), alert("a2", "sub-a")), now);
        assertThat(stored).allMatch(AlertStore.Stored::created);
        assertThat(stored).extracting(s -> s.alert().sequence()).containsExactly(1L, 1L, 2L);

        List<AlertStore.Stored> repeated = store.storeAll(List.of(alert("a2", "sub-a"), alert("a3", "sub-a")), now);

        assertThat(repeated).extracting(AlertStore.Stored::created).containsExactly(false, true);
        // The repeat keeps its first number; the one reserved for it (3) is a gap that streams pass after their grace.
        assertThat(repeated).extracting(s -> s.alert().sequence()).containsExactly(2L, 4L);
        assertThat(store.after("sub-a", 0, 10)).extracting(AlertStore.StoredAlert::alertId, AlertStore.StoredAlert::sequence)
                .containsExactly(tuple("a1", 1L), tuple("a2", 2L), tuple("a3", 4L));
        assertThat(store.after("sub-a", 0, 10)).allMatch(a -> now.equals(a.sequencedAt()));
    }

    @Test
    void anAlertStoredUnnumberedByAnEarlierVersionIsNumberedWhenItsEventIsRepeated() {
        storedUnnumbered("c1", "sub-c");

        AlertStore.Stored repeat = store.storeAll(List.of(alert("c1", "sub-c")), now).getFirst();
        assertThat(repeat.created()).isFalse();
        assertThat(repeat.alert().sequence()).isNull();

        AlertStore.StoredAlert numbered = store.sequenceAll(List.of(repeat.alert()), now).getFirst();
        assertThat(numbered.sequence()).isEqualTo(2L);
        assertThat(store.after("sub-c", 0, 10)).extracting(AlertStore.StoredAlert::sequence).containsExactly(2L);
    }

    @Test
    void aNumberTakenByAWriterThatLostTheRaceIsNotUsed() {
        AlertStore.StoredAlert unnumbered = storedUnnumbered("d1", "sub-d");
        AlertStore.StoredAlert first = store.sequenceAll(List.of(unnumbered), now).getFirst();

        // A second writer that read the alert before it was numbered.
        AlertStore.StoredAlert second = store.sequenceAll(List.of(unnumbered), now).getFirst();

        assertThat(second.sequence()).isEqualTo(first.sequence());
        assertThat(store.after("sub-d", 0, 10)).extracting(AlertStore.StoredAlert::sequence).containsExactly(first.sequence());
    }

    @Test
    void writersNumberingAlertsOfTheSameSubscriptionsAtOnceNeverShareANumber() throws Exception {
        List<String> subscriptions = List.of("sub-x", "sub-y", "sub-z");
        int writers = 6;
        int batchesEach = 40;
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int b = 0; b < batchesEach; b++) {
                        List<AlertStore.NewAlert> batch = new ArrayList<>();
                        for (String subscription : subscriptions) {
                            // Counts differ per writer, so a range handed out twice shows as repeated numbers.
                            for (int n = 0; n <= writer % 3; n++) {
                                batch.add(alert(subscription + "-" + writer + "-" + b + "-" + n, subscription));
                            }
                        }
                        store.storeAll(batch, now);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        }
        for (String subscription : subscriptions) {
            List<Long> numbers = store.after(subscription, 0, 10_000).stream().map(AlertStore.StoredAlert::sequence).toList();
            assertThat(numbers).hasSize(batchesEach * (2 * 1 + 2 * 2 + 2 * 3)).doesNotHaveDuplicates();
            assertThat(numbers).allMatch(n -> n >= 1);
        }
    }

    /** An alert as versions before numbering moved into the insert left it when they stopped between their two writes. */
    private AlertStore.StoredAlert storedUnnumbered(String alertId, String subscriptionId) {
        mongo.getCollection("alerts").insertOne(new Document("_id", alertId).append("subscriptionId", subscriptionId)
                .append("kind", "article").append("body", "{}").append("createdAt", Date.from(now)).append("sequence", null));
        return new AlertStore.StoredAlert(alertId, subscriptionId, "article", "{}", null, null);
    }

    private AlertStore.NewAlert alert(String alertId, String subscriptionId) {
        return new AlertStore.NewAlert(alertId, subscriptionId, "article", "{\"alertId\":\"" + alertId + "\"}", now);
    }
}

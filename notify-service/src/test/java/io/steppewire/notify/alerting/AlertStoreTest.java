package io.steppewire.notify.alerting;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.steppewire.notify.support.InMemoryMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Alerts stored and numbered in bulk: each stored once, numbered once, in the order given per subscription. */
class AlertStoreTest {

    private static final MongoClient CLIENT = MongoClients.create(InMemoryMongo.uri());

    private final AlertStore store = new AlertStore(new MongoTemplate(CLIENT, "alerts-" + System.nanoTime()));
    private final Instant now = Instant.parse("2026-03-14T09:00:00Z");

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void alertsAreNumberedInOrderPerSubscriptionAndKeepTheirNumbers() {
        List<AlertStore.Stored> stored = store.storeAll(List.of(alert("a1", "sub-a"), alert("b1", "sub-b"), alert("a2", "sub-a")));
        assertThat(stored).allMatch(AlertStore.Stored::created);

        List<AlertStore.StoredAlert> numbered = store.sequenceAll(stored.stream().map(AlertStore.Stored::alert).toList(), now);
        assertThat(numbered).extracting(AlertStore.StoredAlert::sequence).containsExactly(1L, 1L, 2L);

        List<AlertStore.Stored> repeated = store.storeAll(List.of(alert("a2", "sub-a"), alert("a3", "sub-a")));
        assertThat(repeated).extracting(AlertStore.Stored::created).containsExactly(false, true);
        assertThat(repeated.getFirst().alert().sequence()).isEqualTo(2L);
        List<AlertStore.StoredAlert> again = store.sequenceAll(repeated.stream().map(AlertStore.Stored::alert).toList(), now);
        assertThat(again).extracting(AlertStore.StoredAlert::sequence).containsExactly(2L, 3L);
        assertThat(store.after("sub-a", 0, 10)).extracting(AlertStore.StoredAlert::alertId).containsExactly("a1", "a2", "a3");
    }

    @Test
    void anAlertStoredButNotNumberedBeforeACrashIsNumberedByTheRepeat() {
        store.storeAll(List.of(alert("c1", "sub-c")));

        AlertStore.Stored repeat = store.storeAll(List.of(alert("c1", "sub-c"))).getFirst();
        assertThat(repeat.created()).isFalse();
        assertThat(repeat.alert().sequence()).isNull();

        AlertStore.StoredAlert numbered = store.sequenceAll(List.of(repeat.alert()), now).getFirst();
        assertThat(numbered.sequence()).isEqualTo(1L);
        assertThat(store.after("sub-c", 0, 10)).extracting(AlertStore.StoredAlert::sequence).containsExactly(1L);
    }

    @Test
    void aNumberTakenByAWriterThatLostTheRaceIsNotUsed() {
        AlertStore.StoredAlert unnumbered = store.storeAll(List.of(alert("d1", "sub-d"))).getFirst().alert();
        AlertStore.StoredAlert first = store.sequenceAll(List.of(unnumbered), now).getFirst();

        // A second writer that read the alert before it was numbered.
        AlertStore.StoredAlert second = store.sequenceAll(List.of(unnumbered), now).getFirst();

        assertThat(second.sequence()).isEqualTo(first.sequence());
        assertThat(store.after("sub-d", 0, 10)).extracting(AlertStore.StoredAlert::sequence).containsExactly(first.sequence());
    }

    @Test
    void numberingAndThePublishedMarkShareOneWriteAndAnAlertNumberedElsewhereIsStillMarked() {
        List<AlertStore.StoredAlert> unnumbered = store.storeAll(List.of(alert("e1", "sub-e"), alert("e2", "sub-e"), alert("e3", "sub-e")))
                .stream().map(AlertStore.Stored::alert).toList();
        // Another writer numbered e2 first.
        store.sequenceAll(List.of(unnumbered.get(1)), now);

        List<AlertStore.StoredAlert> numbered = store.sequenceAndMarkPublished(unnumbered, Set.of("e1", "e2"), now);

        assertThat(numbered).extracting(AlertStore.StoredAlert::alertId, AlertStore.StoredAlert::sequence)
                .containsExactly(tuple("e1", 2L), tuple("e2", 1L), tuple("e3", 4L));
        assertThat(store.after("sub-e", 0, 10)).extracting(AlertStore.StoredAlert::alertId, a -> a.publishedAt() != null)
                .containsExactly(tuple("e2", true), tuple("e1", true), tuple("e3", false));
    }

    private AlertStore.NewAlert alert(String alertId, String subscriptionId) {
        return new AlertStore.NewAlert(alertId, subscriptionId, "article", "{\"alertId\":\"" + alertId + "\"}", now);
    }
}

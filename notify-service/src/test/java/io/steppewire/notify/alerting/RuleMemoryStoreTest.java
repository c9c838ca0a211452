package io.steppewire.notify.alerting;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.steppewire.events.fx.RatePoint;
import io.steppewire.notify.matching.RuleMemory;
import io.steppewire.notify.matching.RuleState;
import io.steppewire.notify.support.InMemoryMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules' memory outlives the instance that wrote it: another store on the same database reads it back whole. */
class RuleMemoryStoreTest {

    private static final MongoClient CLIENT = MongoClients.create(InMemoryMongo.uri());
    private static final Instant NOW = Instant.parse("2026-03-14T09:00:00Z");

    private final String database = "rule-memory-" + System.nanoTime();

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void aRestartedInstanceReadsTheMemoryItsPredecessorWrote() {
        RatePoint reference = new RatePoint(new BigDecimal("0.10120"), 5, new BigDecimal("0.101195"), new BigDecimal("0.101205"),
                Instant.parse("2026-03-13T00:00:00Z"), "quote-1");
        RuleState state = new RuleState(Instant.parse("2026-03-13T08:00:00Z"), List.of("change-1", "change-2"), Map.of(
                "times.ca", new RuleState.SourceState(false, reference, Instant.parse("2026-03-13T00:00:00Z")),
                "nbkr", new RuleState.SourceState(true, null, null)));
        String key = RuleMemory.key("sub-1", "rule-1");

        store().save(Map.of(key, state));

        assertThat(store().load(List.of(key, RuleMemory.key("sub-1", "never-stored")))).containsExactly(Map.entry(key, state));
    }

    @Test
    void savingAgainReplacesTheMemoryUnderTheSameNaturalId() {
        String key = RuleMemory.key("sub-2", "rule-1");
        RuleMemoryStore store = store();
        store.save(Map.of(key, new RuleState(null, List.of("change-1"), Map.of())));
        RuleState later = new RuleState(NOW, List.of("change-1", "change-2"), Map.of());

        store.save(Map.of(key, later));

        assertThat(store.load(List.of(key))).containsExactly(Map.entry(key, later));
        assertThat(new MongoTemplate(CLIENT, database).getCollection(RuleMemoryStore.COLLECTION).countDocuments()).isEqualTo(1);
    }

    private RuleMemoryStore store() {
        return new RuleMemoryStore(new MongoTemplate(CLIENT, database), Clock.fixed(NOW, ZoneOffset.UTC));
    }
}

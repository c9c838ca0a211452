package io.steppewire.article.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which generation of the read model readers use ({@code active}) and which one a rebuild is filling
 * ({@code building}), in one small document of {@code projection_generations}. A single document is written
 * atomically on every store, so readers switch from one complete generation to the next in one step; renaming
 * the eight collections would not be one step.
 *
 * <p>Writers look the document up before every batch ({@link #current()}) and write a building generation as well
 * as the active one, so nothing projected while a rebuild runs is missing from what it builds. Readers use the
 * generation they last looked up for up to {@link StoreProperties#generationRefresh()}.
 */
@Component
public class ProjectionGenerations {

    static final String COLLECTION = "projection_generations";
    private static final String ID = "_id";
    private static final String DOCUMENT_ID = "generations";
    private static final String ACTIVE = "active";
    private static final String BUILDING = "building";
    private static final String LAST_ISSUED = "lastIssued";
    private static final String BUILDING_SINCE = "buildingSince";
    private static final String BUILDING_SEEN_AT = "buildingSeenAt";
    private static final String ACTIVATED_AT = "activatedAt";

    /**
     * The generations in use.
     *
     * @param active   the one readers use
     * @param building the one a rebuild is filling, if one runs
     */
    public record State(Generation active, @Nullable Generation building) {

        /**
         * Where a live batch goes: the building generation first, so that whatever readers of the active one
         * can see is already in the one that replaces it.
         */
        public List<Generation> writeTargets() {
            List<Generation> targets = new ArrayList<>(2);
            if (building != null) {
                targets.add(building);
            }
            targets.add(active);
            return List.copyOf(targets);
        }
    }

    private final MongoDatabase database;
    private final long refreshNanos;
    private volatile @Nullable State known;
    private volatile long knownAt;

    public ProjectionGenerations(MongoDatabase database, StoreProperties properties) {
        this.database = database;
        this.refreshNanos = properties.generationRefresh().toNanos();
    }

    private MongoCollection<Document> collection() {
        return database.getCollection(COLLECTION);
    }

    /** The generation readers use, as looked up at most {@link StoreProperties#generationRefresh()} ago. */
    public Generation active() {
        State state = known;
        if (state == null || System.nanoTime() - knownAt > refreshNanos) {
            state = current();
        }
        return state.active();
    }

    /** The generations as the store has them now. */
    public State current() {
        Document document = collection().find(Filters.eq(ID, DOCUMENT_ID)).first();
        State state = document == null ? new State(Generation.ORIGINAL, null)
                : new State(new Generation(number(document, ACTIVE)),
                document.get(BUILDING) == null ? null : new Generation(number(document, BUILDING)));
        remember(state);
        return state;
    }

    /** The generations as this instance last looked them up. */
    public State lastKnown() {
        State state = known;
        return state == null ? current() : state;
    }

    /**
     * Writes a live batch to every generation being written, the building one first, and returns what the write
     * did in the active one (what the projection's metrics count).
     */
    public UpsertOutcome writeLive(Function<Generation, UpsertOutcome> write) {
        State state = current();
        UpsertOutcome active = UpsertOutcome.NOTHING;
        for (Generation target : state.writeTargets()) {
            UpsertOutcome outcome = write.apply(target);
            if (target.equals(state.active())) {
                active = outcome;
            }
        }
        return active;
    }

    /** The generations that have any of the named collections in the store. */
    public Set<Generation> present(Collection<String> bases) {
        Set<Generation> present = new TreeSet<>(Comparator.comparingLong(Generation::number));
        database.listCollectionNames().forEach(name -> Generation.of(name, bases).ifPresent(present::add));
        return present;
    }

    /** Drops the named collections of a generation that exist. */
    public static void drop(MongoDatabase database, Generation generation, Collection<String> bases) {
        Set<String> existing = database.listCollectionNames().into(new HashSet<>());
        for (String base : bases) {
            String name = generation.collection(base);
            // Only when present: the embedded store answers the drop of a missing collection with an error.
            if (existing.contains(name)) {
                database.getCollection(name).drop();
            }
        }
    }

    /**
     * Issues a generation number never used before and marks it as building, from now on written by every live
     * batch. A rebuild that was building another generation is taken over: it notices at its next
     * {@link #confirmBuilding} and stops.
     */
    public Generation startBuilding() {
        Document issued = collection().findOneAndUpdate(Filters.eq(ID, DOCUMENT_ID),
                Updates.combine(Updates.inc(LAST_ISSUED, 1L), Updates.setOnInsert(ACTIVE, Generation.ORIGINAL.number())),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        if (issued == null) {
            throw new IllegalStateException("The store returned no " + COLLECTION + " document after an upsert");
        }
        // Never at or below the active generation, whatever the counter says.
        long number = Math.max(number(issued, LAST_ISSUED), number(issued, ACTIVE) + 1);
        Generation building = new Generation(number);
        collection().updateOne(Filters.eq(ID, DOCUMENT_ID), Updates.combine(Updates.set(BUILDING, number),
                Updates.max(LAST_ISSUED, number), Updates.set(BUILDING_SINCE, Date.from(Instant.now()))));
        current();
        return building;
    }

    /**
     * Confirms that {@code building} is still the generation being built.
     *
     * @throws IllegalStateException when another rebuild has taken over
     */
    public void confirmBuilding(Generation building) {
        long matched = collection().updateOne(Filters.and(Filters.eq(ID, DOCUMENT_ID), Filters.eq(BUILDING, building.number())),
                Updates.set(BUILDING_SEEN_AT, Date.from(Instant.now()))).getMatchedCount();
        if (matched == 0) {
            throw takenOver(building);
        }
    }

    /**
     * Makes the building generation the one readers use, in one write, and returns the generation it replaces.
     *
     * @throws IllegalStateException when another rebuild has taken over
     */
    public Generation activate(Generation building) {
        Document before = collection().findOneAndUpdate(
                Filters.and(Filters.eq(ID, DOCUMENT_ID), Filters.eq(BUILDING, building.number())),
                Updates.combine(Updates.set(ACTIVE, building.number()), Updates.set(BUILDING, null),
                        Updates.set(ACTIVATED_AT, Date.from(Instant.now()))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        if (before == null) {
            throw takenOver(building);
        }
        remember(new State(building, null));
        return new Generation(number(before, ACTIVE));
    }

    /** Stops writing {@code building} in live batches, unless another rebuild has taken over meanwhile. */
    public void abandon(Generation building) {
        collection().updateOne(Filters.and(Filters.eq(ID, DOCUMENT_ID), Filters.eq(BUILDING, building.number())),
                Updates.set(BUILDING, null));
        current();
    }

    private void remember(State state) {
        known = state;
        knownAt = System.nanoTime();
    }

    private static long number(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number number ? number.longValue() : 0;
    }

    private static IllegalStateException takenOver(Generation building) {
        return new IllegalStateException("Another rebuild has taken over: " + building + " is no longer the one being built");
    }
}

package io.steppewire.article.store;

/**
 * What a batch of upserts did.
 *
 * @param applied events that were stored or replaced older data
 * @param stale   events that changed nothing: a replay, or older than what was stored for the same id
 */
public record UpsertOutcome(int applied, int stale) {

    public static final UpsertOutcome NOTHING = new UpsertOutcome(0, 0);

    public UpsertOutcome plus(UpsertOutcome other) {
        return new UpsertOutcome(applied + other.applied, stale + other.stale);
    }
}

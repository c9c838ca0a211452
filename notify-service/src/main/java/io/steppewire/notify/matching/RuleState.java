package io.steppewire.notify.matching;

import io.steppewire.events.fx.RatePoint;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one rule of one subscription remembers between events.
 *
 * @param lastFiredAt when the rule last fired (by the event's detection time), for its cooldown
 * @param firedBy     the latest rate changes that made it fire, newest last: a redelivered one fires again (to the same
 *                    alert id, so nothing is sent twice) instead of finding the rule already disarmed
 * @param sources     per quote source: armed or not, the reference rate, the newest quote judged
 */
public record RuleState(@Nullable Instant lastFiredAt, List<String> firedBy, Map<String, SourceState> sources) {

    /** How many firing changes are remembered: far more than a redelivered batch holds for one rule. */
    public static final int FIRED_BY_KEPT = 16;
    /** Sources remembered per rule: more than there are, so that a flood of made-up source names cannot grow it. */
    public static final int MAX_SOURCES = 64;

    public static final RuleState FRESH = new RuleState(null, List.of(), Map.of());

    public RuleState {
        firedBy = List.copyOf(firedBy);
        sources = Map.copyOf(sources);
    }

    /**
     * @param armed     whether the rule may fire for this source (edge-triggered kinds disarm when they fire)
     * @param reference the rate a since-last-alert rule measures from
     * @param lastAsOf  the newest quote judged, so that an older event redelivered late does not move the state back
     */
    public record SourceState(boolean armed, @Nullable RatePoint reference, @Nullable Instant lastAsOf) {
    }

    RuleState fired(String changeId, Instant at) {
        List<String> ids = new ArrayList<>(firedBy);
        ids.add(changeId);
        return new RuleState(at, ids.size() > FIRED_BY_KEPT ? ids.subList(ids.size() - FIRED_BY_KEPT, ids.size()) : ids, sources);
    }

    RuleState with(String source, SourceState state) {
        if (!sources.containsKey(source) && sources.size() >= MAX_SOURCES) {
            return this;
        }
        Map<String, SourceState> next = new HashMap<>(sources);
        next.put(source, state);
        return new RuleState(lastFiredAt, firedBy, next);
    }
}

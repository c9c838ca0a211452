package io.steppewire.notify.matching;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** A {@link RuleMemory} held in memory, for a backtest that must not touch the live rules' memory. Not thread-safe. */
public final class InMemoryRuleMemory implements RuleMemory {

    private final Map<String, RuleState> states = new HashMap<>();

    @Override
    public Map<String, RuleState> load(Collection<String> keys) {
        Map<String, RuleState> found = new HashMap<>();
        keys.forEach(key -> {
            RuleState state = states.get(key);
            if (state != null) {
                found.put(key, state);
            }
        });
        return found;
    }

    @Override
    public void save(Map<String, RuleState> changed) {
        states.putAll(changed);
    }
}

package io.steppewire.notify.matching;

import java.util.Collection;
import java.util.Map;

/** Where rules keep their {@link RuleState}, under the natural id {@link #key}. */
public interface RuleMemory {

    /** The states stored under {@code keys}; a key never stored is absent. */
    Map<String, RuleState> load(Collection<String> keys);

    /** Stores each state under its key, replacing what was there. */
    void save(Map<String, RuleState> states);

    static String key(String subscriptionId, String ruleKey) {
        return subscriptionId + ":" + ruleKey;
    }
}

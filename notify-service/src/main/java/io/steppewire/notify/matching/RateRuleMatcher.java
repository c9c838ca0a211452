package io.steppewire.notify.matching;

import io.steppewire.events.fx.RateChanged;
import io.steppewire.notify.subscription.Subscription;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subscriptions a rate change matches: change rules without cooldown from the index's threshold lists, every other
 * rule through {@link RateRuleJudge} with its memory, loaded and saved once per change. The memory is saved before the
 * alerts are raised; a redelivered change finds itself among the rule's firings and fires again to the same alert id.
 */
public final class RateRuleMatcher {

    private final SubscriptionIndex index;
    private final RateRuleJudge judge;
    private final RuleMemory memory;

    public RateRuleMatcher(SubscriptionIndex index, RateRuleJudge judge, RuleMemory memory) {
        this.index = index;
        this.judge = judge;
        this.memory = memory;
    }

    /** The history must already hold {@code change}. */
    public List<Match> match(RateChanged change) {
        return match(change, () -> { });
    }

    /**
     * Matches a change the history may not hold yet: {@code remember} must store it (and nothing that comes after it)
     * and is run only when a rule is about to read the history, so a change that only stateless rules judge costs no
     * write of its own here.
     */
    public List<Match> match(RateChanged change, Runnable remember) {
        List<Match> stateless = index.matchRateChange(change);
        List<SubscriptionIndex.OwnedRule> rules = index.statefulRules(change.pair());
        if (rules.isEmpty()) {
            return stateless;
        }
        remember.run();
        Map<String, Subscription> subscriptions = new LinkedHashMap<>();
        Map<String, List<String>> matchedOn = new LinkedHashMap<>();
        for (Match match : stateless) {
            subscriptions.put(match.subscription().id(), match.subscription());
            matchedOn.put(match.subscription().id(), new ArrayList<>(match.matchedOn()));
        }
        List<String> keys = rules.stream().map(r -> RuleMemory.key(r.subscription().id(), r.rule().key())).toList();
        Map<String, RuleState> states = memory.load(keys);
        Map<String, RuleState> changed = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            SubscriptionIndex.OwnedRule owned = rules.get(i);
            String key = keys.get(i);
            RuleState before = states.getOrDefault(key, RuleState.FRESH);
            RateRuleJudge.Verdict verdict = judge.judge(owned.rule(), change, before);
            if (!verdict.next().equals(before)) {
                changed.put(key, verdict.next());
            }
            if (verdict.fires()) {
                subscriptions.putIfAbsent(owned.subscription().id(), owned.subscription());
                matchedOn.computeIfAbsent(owned.subscription().id(), id -> new ArrayList<>()).add(owned.rule().describe());
            }
        }
        if (!changed.isEmpty()) {
            memory.save(changed);
        }
        List<Match> matches = new ArrayList<>(matchedOn.size());
        matchedOn.forEach((id, on) -> matches.add(new Match(subscriptions.get(id), on)));
        return matches;
    }
}

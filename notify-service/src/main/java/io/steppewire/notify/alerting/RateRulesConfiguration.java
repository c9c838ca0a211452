package io.steppewire.notify.alerting;

import io.steppewire.notify.history.HistoryProperties;
import io.steppewire.notify.history.RateChangeHistory;
import io.steppewire.notify.matching.RateRuleJudge;
import io.steppewire.notify.matching.RateRuleMatcher;
import io.steppewire.notify.matching.SubscriptionIndex;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Live rate rules: the pure judge over the stored rate history, with its memory in MongoDB. */
@Configuration(proxyBeanMethods = false)
class RateRulesConfiguration {

    @Bean
    RateRuleMatcher rateRuleMatcher(SubscriptionIndex index, RateChangeHistory history, RuleMemoryStore memory, HistoryProperties properties) {
        return new RateRuleMatcher(index, new RateRuleJudge(history, properties.officialSources()), memory);
    }
}

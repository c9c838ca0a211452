package io.steppewire.notify.alerting;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param relatedArticles       how many of the latest articles about a currency's country a rate alert carries
 * @param recentArticleRetention how long article summaries are kept for that purpose
 * @param publishTimeout         how long to wait for Kafka to acknowledge the alerts of one event
 * @param relatedArticlesMaxAge  how old the related news a rate alert carries may be: rate changes within this
 *                               time share one look-up (articles this instance stores are seen at once)
 */
@ConfigurationProperties("steppewire.notify.alerts")
public record AlertProperties(@DefaultValue("5") int relatedArticles,
                              @DefaultValue("14d") Duration recentArticleRetention,
                              @DefaultValue("30s") Duration publishTimeout,
                              @DefaultValue("1s") Duration relatedArticlesMaxAge) {
}

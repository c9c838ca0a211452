package io.steppewire.events.alert;

import io.steppewire.events.fx.RateChanged;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A subscription matched an event. Keyed by subscription id.
 *
 * @param alertId          deterministic: subscription id and event id
 * @param subscriptionId   the subscription that matched
 * @param subscriptionName its name, for people reading the alert
 * @param kind             {@code article} or {@code rate}
 * @param eventId          the id of the event that matched (article id or change id)
 * @param article          the article, for kind {@code article}
 * @param rateChange       the change, for kind {@code rate}
 * @param relatedArticles  for a rate alert, the latest articles about the currency's country
 * @param matchedOn        what of the subscription's rules matched, e.g. {@code tag:energy}
 * @param raisedAt         when the alert was raised
 */
public record AlertRaised(
        String alertId,
        String subscriptionId,
        String subscriptionName,
        String kind,
        String eventId,
        @Nullable ArticleSummary article,
        @Nullable RateChanged rateChange,
        List<ArticleSummary> relatedArticles,
        List<String> matchedOn,
        Instant raisedAt) {

    public static final String KIND_ARTICLE = "article";
    public static final String KIND_RATE = "rate";

    public AlertRaised {
        relatedArticles = List.copyOf(relatedArticles);
        matchedOn = List.copyOf(matchedOn);
    }
}

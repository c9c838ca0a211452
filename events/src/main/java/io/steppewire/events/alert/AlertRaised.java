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
 * @param kind             {@code article}, {@code rate}, or {@code endpoint-disabled} (the subscription's deliveries
 *                         stopped; its stream and this topic still carry its alerts)
 * @param eventId          the id of the event that matched (article id or change id), or that disabled delivery
 * @param article          the article, for kind {@code article}
 * @param rateChange       the change, for kind {@code rate}
 * @param relatedArticles  for a rate alert, the latest articles about the currency's country
 * @param matchedOn        what of the subscription's rules matched, e.g. {@code tag:energy}
 * @param raisedAt         when the alert was raised
 * @param deliveryDisabled for kind {@code endpoint-disabled}, the endpoint and its failures
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
        Instant raisedAt,
        @Nullable DeliveryDisabled deliveryDisabled) {

    public static final String KIND_ARTICLE = "article";
    public static final String KIND_RATE = "rate";
    public static final String KIND_ENDPOINT_DISABLED = "endpoint-disabled";

    public AlertRaised {
        relatedArticles = List.copyOf(relatedArticles);
        matchedOn = List.copyOf(matchedOn);
    }

    /** An article or rate alert. */
    public AlertRaised(String alertId, String subscriptionId, String subscriptionName, String kind, String eventId,
                       @Nullable ArticleSummary article, @Nullable RateChanged rateChange, List<ArticleSummary> relatedArticles,
                       List<String> matchedOn, Instant raisedAt) {
        this(alertId, subscriptionId, subscriptionName, kind, eventId, article, rateChange, relatedArticles, matchedOn, raisedAt, null);
    }
}

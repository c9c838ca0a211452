package io.steppewire.notify.delivery.outbox;

import io.steppewire.events.EventJson;
import io.steppewire.events.alert.AlertRaised;
import io.steppewire.events.alert.ArticleSummary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message of many alerts as it is sent: a digest or an hour's roll-up, its alerts grouped by story (article alerts;
 * the articles of one story together) and by currency pair (rate alerts), each group oldest first. The webhook body is
 * this record as JSON; the e-mail is made of it.
 *
 * @param digestId    the message id (webhook-id, e-mail Message-ID), the same for every attempt
 * @param type        {@code digest} or {@code rollup}
 * @param from        start of the period whose alerts it holds
 * @param to          its end: the time the message was due
 * @param alertCount  how many alerts it holds
 * @param stories     article alerts by story
 * @param pairs       rate alerts by pair
 */
public record DigestMessage(String digestId, String type, String subscriptionId, String subscriptionName, Instant from, Instant to,
                            int alertCount, List<StoryGroup> stories, List<PairGroup> pairs) {

    /** The article alerts of one story; {@code title} is its first article's. */
    public record StoryGroup(String storyId, String title, List<AlertRaised> alerts) {
    }

    /** The rate alerts of one pair. */
    public record PairGroup(String pair, List<AlertRaised> alerts) {
    }

    static DigestMessage of(Digests.Sealed sealed, String subscriptionName, List<AlertRaised> alerts) {
        List<AlertRaised> ordered = new ArrayList<>(alerts);
        ordered.sort(Comparator.comparing(AlertRaised::raisedAt).thenComparing(AlertRaised::alertId));
        Map<String, List<AlertRaised>> stories = new LinkedHashMap<>();
        Map<String, List<AlertRaised>> pairs = new LinkedHashMap<>();
        for (AlertRaised alert : ordered) {
            if (alert.rateChange() != null) {
                pairs.computeIfAbsent(alert.rateChange().pair(), k -> new ArrayList<>()).add(alert);
            } else {
                ArticleSummary article = alert.article();
                String story = article == null ? alert.eventId() : article.storyId() != null ? article.storyId() : article.id();
                stories.computeIfAbsent(story, k -> new ArrayList<>()).add(alert);
            }
        }
        List<StoryGroup> storyGroups = stories.entrySet().stream().map(e -> new StoryGroup(e.getKey(), title(e.getValue().getFirst()),
                List.copyOf(e.getValue()))).toList();
        List<PairGroup> pairGroups = pairs.entrySet().stream().map(e -> new PairGroup(e.getKey(), List.copyOf(e.getValue()))).toList();
        return new DigestMessage(sealed.id(), sealed.kind(), sealed.subscriptionId(), subscriptionName, sealed.from(), sealed.to(),
                ordered.size(), storyGroups, pairGroups);
    }

    private static String title(AlertRaised alert) {
        return alert.article() == null ? alert.eventId() : alert.article().title();
    }

    /** Every alert id it holds. */
    public List<String> alertIds() {
        List<String> ids = new ArrayList<>();
        stories.forEach(s -> s.alerts().forEach(a -> ids.add(a.alertId())));
        pairs.forEach(p -> p.alerts().forEach(a -> ids.add(a.alertId())));
        return ids;
    }

    public String json() {
        return EventJson.mapper().writeValueAsString(this);
    }
}

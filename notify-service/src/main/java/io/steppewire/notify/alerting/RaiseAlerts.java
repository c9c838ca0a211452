package io.steppewire.notify.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.steppewire.events.CloudEvent;
import io.steppewire.events.EventIds;
import io.steppewire.events.EventJson;
import io.steppewire.events.Topics;
import io.steppewire.events.TraceContext;
import io.steppewire.events.alert.AlertRaised;
import io.steppewire.events.alert.ArticleSummary;
import io.steppewire.events.alert.DeliveryDisabled;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.CurrencyPair;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.notify.delivery.DeliveryEndpoint;
import io.steppewire.notify.delivery.outbox.DeliveryOutbox;
import io.steppewire.notify.delivery.outbox.DeliveryPlanner;
import io.steppewire.notify.history.ArticleHistory;
import io.steppewire.notify.history.RateChangeHistory;
import io.steppewire.notify.matching.AlertKeys;
import io.steppewire.notify.matching.Match;
import io.steppewire.notify.matching.RateRuleMatcher;
import io.steppewire.notify.matching.SubscriptionIndex;
import io.steppewire.notify.messaging.KafkaConfiguration;
import io.steppewire.notify.subscription.Channel;
import io.steppewire.notify.subscription.QuietHours;
import io.steppewire.notify.subscription.Subscription;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Turns a matched event into alerts: each stored once under its deterministic id and numbered for its subscription's
 * stream in the same write, queued for delivery (a healthy endpoint's first attempt starts at once) and published to
 * {@code alerts.v1}. Every step is idempotent, so an event delivered again (after a crash between steps, say)
 * completes what was missing and never makes a second alert or a second delivery.
 */
@Service
public class RaiseAlerts {

    static final String SOURCE = KafkaConfiguration.SOURCE;

    private final SubscriptionIndex index;
    private final AlertStore alerts;
    private final DeliveryOutbox outbox;
    private final DeliveryPlanner planner;
    private final RecentArticles recentArticles;
    private final ArticleHistory articleHistory;
    private final RateChangeHistory rateHistory;
    private final RateRuleMatcher rateRules;
    private final KafkaTemplate<String, AlertRaised> kafka;
    private final AlertProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer articleMatching;
    private final Timer rateMatching;

    public RaiseAlerts(SubscriptionIndex index, AlertStore alerts, DeliveryOutbox outbox, DeliveryPlanner planner,
                       RecentArticles recentArticles, ArticleHistory articleHistory, RateChangeHistory rateHistory,
                       RateRuleMatcher rateRules, KafkaTemplate<String, AlertRaised> kafka, AlertProperties properties,
                       Clock clock, MeterRegistry meters) {
        this.index = index;
        this.alerts = alerts;
        this.outbox = outbox;
        this.planner = planner;
        this.recentArticles = recentArticles;
        this.articleHistory = articleHistory;
        this.rateHistory = rateHistory;
        this.rateRules = rateRules;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.articleMatching = matchTimer(AlertRaised.KIND_ARTICLE);
        this.rateMatching = matchTimer(AlertRaised.KIND_RATE);
    }

    /** Raises the alerts of a polled batch of articles together: one bulk write per collection, one wait for Kafka. */
    public void forArticles(List<TracedEvent<ArticleIngested>> traced) {
        List<ArticleIngested> articles = traced.stream().map(TracedEvent::event).toList();
        recentArticles.rememberAll(articles);
        articleHistory.rememberAll(articles);
        List<Raise> raises = new ArrayList<>();
        for (TracedEvent<ArticleIngested> one : traced) {
            ArticleIngested article = one.event();
            List<Match> matches = articleMatching.record(() -> index.matchArticle(article));
            ArticleSummary summary = ArticleSummary.of(article);
            for (Match match : matches) {
                raises.add(new Raise(new AlertRaised(EventIds.alert(match.subscription().id(), AlertKeys.ofArticle(match.subscription(), article)), match.subscription().id(),
                        match.subscription().name(), AlertRaised.KIND_ARTICLE, article.articleId(), summary, null, List.of(),
                        match.matchedOn(), now()), match.subscription(), childOf(one.trace())));
            }
        }
        raise(raises);
    }

    /** The alerts of an event continue its trace as a step of their own (a new span id); none without one. */
    private static @Nullable TraceContext childOf(@Nullable TraceContext trace) {
        return trace == null ? null : trace.child();
    }

    /**
     * Raises the alert that says a subscription's delivery was disabled: stored, streamed and published like any
     * other, and not sent to the endpoint that keeps failing. Its id is made of the run of failures it ends, so a
     * repeat raises nothing new.
     */
    public void forDeliveryDisabled(Subscription subscription, DeliveryDisabled why) {
        String eventId = "delivery-disabled:" + why.endpoint() + ":" + why.failingSince().toEpochMilli();
        raise(List.of(new Raise(new AlertRaised(EventIds.alert(subscription.id(), eventId), subscription.id(), subscription.name(),
                AlertRaised.KIND_ENDPOINT_DISABLED, eventId, null, null, List.of(), List.of("delivery:disabled"), now(), why), subscription, null)));
    }

    /** Raises the alerts of a polled batch of rate changes together: one bulk write per collection, one wait for Kafka. */
    public void forRateChanges(List<TracedEvent<RateChanged>> changes) {
        List<Raise> raises = new ArrayList<>();
        // The same countries' news serves every change of the batch about them.
        Map<List<String>, List<ArticleSummary>> relatedByCountries = new HashMap<>();
        // Rules that read history must find each change in it when they judge it, and none of the batch's later changes:
        // the changes not yet stored are written just before such a rule judges one, the rest in one write at the end.
        List<RateChanged> unremembered = new ArrayList<>();
        for (TracedEvent<RateChanged> one : changes) {
            RateChanged change = one.event();
            unremembered.add(change);
            List<Match> matches = rateMatching.record(() -> rateRules.match(change, () -> {
                rateHistory.rememberAll(List.copyOf(unremembered));
                unremembered.clear();
            }));
            if (matches.isEmpty()) {
                continue;
            }
            List<ArticleSummary> related = relatedByCountries.computeIfAbsent(CurrencyPair.parse(change.pair()).countries(),
                    recentArticles::recentlyAbout);
            for (Match match : matches) {
                raises.add(new Raise(new AlertRaised(EventIds.alert(match.subscription().id(), change.changeId()), match.subscription().id(),
                        match.subscription().name(), AlertRaised.KIND_RATE, change.changeId(), null, change, related,
                        match.matchedOn(), now()), match.subscription(), childOf(one.trace())));
            }
        }
        rateHistory.rememberAll(unremembered);
        raise(raises);
    }

    /** An alert to raise, its subscription as matched, and the trace it continues. */
    private record Raise(AlertRaised alert, Subscription subscription, @Nullable TraceContext trace) {

        @Nullable String traceparent() {
            return trace == null ? null : trace.traceparent();
        }

        Channel channel() {
            return subscription.channel();
        }

        /** Sent to the subscription's endpoint: not when its delivery is disabled, nor the alert that says so. */
        boolean delivered() {
            return subscription.deliveryDisabled() == null && !AlertRaised.KIND_ENDPOINT_DISABLED.equals(alert.kind());
        }
    }

    private void raise(List<Raise> candidates) {
        if (candidates.isEmpty()) {
            return;
        }
        // The same event twice in one batch makes the same alert: it is raised once, the repeat counts as repeated.
        Map<String, Raise> distinct = new LinkedHashMap<>();
        for (Raise raise : candidates) {
            if (distinct.putIfAbsent(raise.alert().alertId(), raise) != null) {
                counter(raise.alert().kind(), false).increment();
            }
        }
        List<Raise> raises = List.copyOf(distinct.values());
        List<AlertStore.NewAlert> fresh = raises.stream().map(r -> new AlertStore.NewAlert(r.alert().alertId(), r.alert().subscriptionId(),
                r.alert().kind(), EventJson.mapper().writeValueAsString(r.alert()), r.alert().raisedAt())).toList();
        List<AlertStore.Stored> once = alerts.storeAll(fresh, now());
        once.forEach(stored -> counter(stored.alert().kind(), stored.created()).increment());
        List<DeliveryPlanner.Push> pushes = new ArrayList<>();
        List<DeliveryOutbox.NewDelivery> undelivered = new ArrayList<>();
        List<CompletableFuture<SendResult<String, AlertRaised>>> sends = new ArrayList<>();
        for (int i = 0; i < raises.size(); i++) {
            AlertStore.StoredAlert alert = once.get(i).alert();
            // What was stored first: a repeat is delivered, paced and published as the identical alert.
            AlertRaised body = once.get(i).created() ? raises.get(i).alert() : EventJson.mapper().readValue(alert.body(), AlertRaised.class);
            Channel channel = raises.get(i).channel();
            Optional<String> endpoint = DeliveryEndpoint.of(channel);
            if (endpoint.isPresent()) {
                QuietHours quiet = raises.get(i).subscription().quietHours();
                DeliveryOutbox.NewDelivery delivery = new DeliveryOutbox.NewDelivery(alert.alertId(), alert.subscriptionId(),
                        channel.type(), alert.body(), endpoint.get(), raises.get(i).traceparent(),
                        quiet == null ? null : quiet.heldUntil(raises.get(i).alert().raisedAt()).orElse(null));
                if (raises.get(i).delivered()) {
                    // Paced by when the alert was first raised, so that a repeat goes where the first went.
                    pushes.add(new DeliveryPlanner.Push(delivery, once.get(i).created(), raises.get(i).subscription(), body.raisedAt()));
                } else if (!AlertRaised.KIND_ENDPOINT_DISABLED.equals(alert.kind())) {
                    // Kept as failed, so that a recover once delivery is enabled again sends it.
                    undelivered.add(delivery);
                }
            }
            // Published again when its event is redelivered (alerts.v1 is at-least-once, each alert identified by its id).
            ProducerRecord<String, AlertRaised> record = new ProducerRecord<>(Topics.ALERTS.name(), body.subscriptionId(), body);
            CloudEvent.of(Topics.ALERTS, body.alertId(), SOURCE, body.raisedAt(), body.eventId()).writeTo(record.headers());
            TraceContext trace = raises.get(i).trace();
            if (trace != null) {
                trace.writeTo(record.headers());
            }
            sends.add(kafka.send(record));
        }
        // Delivery needs only the stored alert, so it starts while Kafka acknowledges; each step is idempotent, so a
        // repeat after a crash between them completes the rest.
        Instant queuedAt = now();
        // Queued already claimed by this instance's worker, which attempts them at once without a claim's write; or
        // bundled into a digest or an hour's roll-up.
        List<DeliveryOutbox.Claim> attempting = planner.queue(pushes, queuedAt);
        try {
            if (!undelivered.isEmpty()) {
                outbox.recordUndelivered(undelivered, "Delivery disabled: the endpoint failed every attempt for longer than disable-after;"
                        + " a PUT of the subscription enables it again, and deliveries/recover sends what failed", queuedAt);
            }
            // Alerts stored by a version that numbered them apart, met again through a redelivered event.
            alerts.sequenceAll(once.stream().map(AlertStore.Stored::alert).toList(), now());
            awaitAcknowledged(sends);
        } finally {
            // Before the event's offset is committed, each first attempt made without a pending document is recorded,
            // or its pending document written: a crash after the commit finds every delivery in the store.
            planner.settle(attempting);
        }
    }

    private void awaitAcknowledged(List<CompletableFuture<SendResult<String, AlertRaised>>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing alerts", e);
        } catch (ExecutionException | TimeoutException e) {
            // Failing the record makes Kafka deliver the event again, and the repeat publishes its alerts again.
            throw new IllegalStateException("Kafka did not acknowledge the alerts: " + e.getMessage(), e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Counter counter(String kind, boolean created) {
        return Counter.builder(created ? "steppewire.notify.alerts.raised" : "steppewire.notify.alerts.repeated")
                .description(created ? "Alerts raised, by kind" : "Matches of redelivered events that found their alert already stored")
                .tag("kind", kind).register(meters);
    }

    private Timer matchTimer(String kind) {
        return Timer.builder("steppewire.notify.matching").description("Time to find the subscriptions an event matches")
                .tag("kind", kind).publishPercentiles(0.5, 0.99).register(meters);
    }
}

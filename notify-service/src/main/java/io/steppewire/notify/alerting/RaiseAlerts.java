package io.steppewire.notify.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.steppewire.events.CloudEvent;
import io.steppewire.events.EventIds;
import io.steppewire.events.EventJson;
import io.steppewire.events.Topics;
import io.steppewire.events.alert.AlertRaised;
import io.steppewire.events.alert.ArticleSummary;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.CurrencyPair;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.notify.delivery.outbox.DeliveryOutbox;
import io.steppewire.notify.delivery.outbox.DeliveryWorker;
import io.steppewire.notify.matching.Match;
import io.steppewire.notify.matching.SubscriptionIndex;
import io.steppewire.notify.subscription.Channel;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Turns a matched event into alerts: each stored once under its deterministic id, sequenced for its
 * subscription's stream, queued for delivery, and published to {@code alerts.v1}. Every step is
 * idempotent, so an event delivered again (after a crash between steps, say) completes what was
 * missing and never makes a second alert or a second delivery.
 */
@Service
public class RaiseAlerts {

    static final String SOURCE = "/steppewire/notify-service";

    private final SubscriptionIndex index;
    private final AlertStore alerts;
    private final DeliveryOutbox outbox;
    private final DeliveryWorker worker;
    private final RecentArticles recentArticles;
    private final KafkaTemplate<String, AlertRaised> kafka;
    private final AlertProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer articleMatching;
    private final Timer rateMatching;

    public RaiseAlerts(SubscriptionIndex index, AlertStore alerts, DeliveryOutbox outbox, DeliveryWorker worker,
                       RecentArticles recentArticles, KafkaTemplate<String, AlertRaised> kafka, AlertProperties properties,
                       Clock clock, MeterRegistry meters) {
        this.index = index;
        this.alerts = alerts;
        this.outbox = outbox;
        this.worker = worker;
        this.recentArticles = recentArticles;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.articleMatching = matchTimer(AlertRaised.KIND_ARTICLE);
        this.rateMatching = matchTimer(AlertRaised.KIND_RATE);
    }

    public void forArticle(ArticleIngested article) {
        recentArticles.remember(article);
        List<Match> matches = articleMatching.record(() -> index.matchArticle(article));
        ArticleSummary summary = ArticleSummary.of(article);
        raise(matches, article.articleId(), AlertRaised.KIND_ARTICLE, (match) -> new AlertRaised(
                EventIds.alert(match.subscription().id(), article.articleId()), match.subscription().id(),
                match.subscription().name(), AlertRaised.KIND_ARTICLE, article.articleId(), summary, null, List.of(),
                match.matchedOn(), now()));
    }

    public void forRateChange(RateChanged change) {
        List<Match> matches = rateMatching.record(() -> index.matchRateChange(change));
        if (matches.isEmpty()) {
            return;
        }
        List<ArticleSummary> related = recentArticles.latestAbout(CurrencyPair.parse(change.pair()).countries());
        raise(matches, change.changeId(), AlertRaised.KIND_RATE, (match) -> new AlertRaised(
                EventIds.alert(match.subscription().id(), change.changeId()), match.subscription().id(),
                match.subscription().name(), AlertRaised.KIND_RATE, change.changeId(), null, change, related,
                match.matchedOn(), now()));
    }

    private void raise(List<Match> matches, String eventId, String kind, Function<Match, AlertRaised> alertFor) {
        List<CompletableFuture<SendResult<String, AlertRaised>>> sends = new ArrayList<>();
        List<String> published = new ArrayList<>();
        boolean queued = false;
        for (Match match : matches) {
            AlertRaised fresh = alertFor.apply(match);
            String body = EventJson.mapper().writeValueAsString(fresh);
            AlertStore.Stored once = alerts.storeOnce(fresh.alertId(), fresh.subscriptionId(), kind, body, fresh.raisedAt());
            Counter.builder(once.created() ? "steppewire.notify.alerts.raised" : "steppewire.notify.alerts.repeated")
                    .description(once.created() ? "Alerts raised, by kind" : "Matches of redelivered events that found their alert already stored")
                    .tag("kind", kind).register(meters).increment();
            AlertStore.StoredAlert stored = alerts.sequence(once.alert(), now());
            Channel channel = match.subscription().channel();
            if (!(channel instanceof Channel.ServerSentEvents)) {
                outbox.enqueue(stored.alertId(), stored.subscriptionId(), channel.type(), stored.body(), now());
                queued = true;
            }
            if (stored.publishedAt() == null) {
                // Publish what was stored first, so a repeat publishes the identical alert.
                AlertRaised alert = EventJson.mapper().readValue(stored.body(), AlertRaised.class);
                ProducerRecord<String, AlertRaised> record = new ProducerRecord<>(Topics.ALERTS.name(), alert.subscriptionId(), alert);
                CloudEvent.of(Topics.ALERTS, alert.alertId(), SOURCE, alert.raisedAt(), eventId).writeTo(record.headers());
                sends.add(kafka.send(record));
                published.add(alert.alertId());
            }
        }
        if (queued) {
            worker.wake();
        }
        awaitAcknowledged(sends);
        Instant now = now();
        published.forEach(id -> alerts.markPublished(id, now));
    }

    private void awaitAcknowledged(List<CompletableFuture<SendResult<String, AlertRaised>>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing alerts", e);
        } catch (ExecutionException | TimeoutException e) {
            // Failing the record makes Kafka deliver the event again; the repeat publishes what is still unpublished.
            throw new IllegalStateException("Kafka did not acknowledge the alerts: " + e.getMessage(), e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Timer matchTimer(String kind) {
        return Timer.builder("steppewire.notify.matching").description("Time to find the subscriptions an event matches")
                .tag("kind", kind).publishPercentiles(0.5, 0.99).register(meters);
    }
}

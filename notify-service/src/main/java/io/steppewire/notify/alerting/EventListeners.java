package io.steppewire.notify.alerting;

import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.notify.messaging.KafkaConfiguration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes articles and rate changes (group {@code notify-service}) and raises the alerts they match. */
@Component
public class EventListeners {

    private final RaiseAlerts raiseAlerts;

    public EventListeners(RaiseAlerts raiseAlerts) {
        this.raiseAlerts = raiseAlerts;
    }

    @KafkaListener(id = "notify-articles", idIsGroup = false, topics = "#{T(io.steppewire.events.Topics).ARTICLES.name()}",
            containerFactory = KafkaConfiguration.ARTICLES_LISTENER_FACTORY)
    public void onArticle(ArticleIngested article) {
        raiseAlerts.forArticle(article);
    }

    @KafkaListener(id = "notify-rate-changes", idIsGroup = false, topics = "#{T(io.steppewire.events.Topics).RATE_CHANGES.name()}",
            containerFactory = KafkaConfiguration.RATE_CHANGES_LISTENER_FACTORY)
    public void onRateChange(RateChanged change) {
        raiseAlerts.forRateChange(change);
    }
}

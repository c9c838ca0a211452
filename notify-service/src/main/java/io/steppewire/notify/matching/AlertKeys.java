package io.steppewire.notify.matching;

import io.steppewire.events.article.ArticleIngested;
import io.steppewire.notify.subscription.Subscription;

/** What alert ids are made of, shared by live alerting and the backtest so that both count alike. */
public final class AlertKeys {

    private AlertKeys() {
    }

    /**
     * What an article alert is keyed by: its story, unless the subscription asks for every article. The second article
     * of a story then makes the same alert id as the first, which the alert store keeps once; an article without a story
     * is its own story, so its alert id is what it was before stories existed.
     */
    public static String ofArticle(Subscription subscription, ArticleIngested article) {
        return ofArticle(subscription, article.articleId(), article.storyOrArticleId());
    }

    public static String ofArticle(Subscription subscription, String articleId, String storyOrArticleId) {
        return subscription.rules().perStory() ? storyOrArticleId : articleId;
    }
}

package io.steppewire.ingest.sources.publishing;

import io.steppewire.events.article.ArticleIngested;
import io.steppewire.ingest.sources.ArticleWriter;
import io.steppewire.ingest.sources.FetchedArticles;
import io.steppewire.ingest.sources.SourceType;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One stream function per source type that publishes articles of its own, each bound by
 * {@code spring.cloud.function.definition} to the articles topic under its own binding ({@code feedSource-out-0},
 * {@code articleSource-out-0}), and the writer that hands fetches to them. Front pages have none: a flattened front
 * page is published as {@code POST /api/pages} publishes a page, articles and quotes in one transaction. The same beans
 * with the same {@code spring.cloud.stream.*} settings make a standalone connector whose input bindings read fetches
 * from topics instead (docs/decisions/0007).
 */
@Configuration(proxyBeanMethods = false)
public class SourceFunctionsConfiguration {

    static final String FEED = "feedSource";
    static final String ARTICLE = "articleSource";

    @Bean
    Function<FetchedArticles, List<Message<ArticleIngested>>> feedSource() {
        return new ArticleMessages(SourceType.FEED);
    }

    @Bean
    Function<FetchedArticles, List<Message<ArticleIngested>>> articleSource() {
        return new ArticleMessages(SourceType.ARTICLE);
    }

    @Bean
    ArticleWriter sourceArticleWriter(BinderFactory binders, BeanFactory beans) {
        return new BinderArticleWriter(binders, beans, Map.of(SourceType.FEED, input(FEED),
                SourceType.ARTICLE, input(ARTICLE)));
    }

    static String input(String function) {
        return function + "-in-0";
    }
}

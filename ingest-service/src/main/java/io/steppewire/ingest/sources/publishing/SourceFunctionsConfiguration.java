package io.steppewire.ingest.sources.publishing;

import io.steppewire.events.article.ArticleIngested;
import io.steppewire.ingest.pages.PageEvents;
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
 * One stream function per source type, each bound by {@code spring.cloud.function.definition} under its own bindings:
 * {@code feedSource} and {@code articleSource} to the articles topic, {@code frontPageSource} to the articles topic with
 * its quotes routed to the quotes topic; and the writer that hands fetches to them. The same beans with the same
 * {@code spring.cloud.stream.*} settings make a standalone connector whose input bindings read fetches from topics
 * instead (docs/decisions/0007).
 */
@Configuration(proxyBeanMethods = false)
public class SourceFunctionsConfiguration {

    static final String FEED = "feedSource";
    static final String ARTICLE = "articleSource";
    static final String FRONT_PAGE = "frontPageSource";

    @Bean
    Function<FetchedArticles, List<Message<ArticleIngested>>> feedSource() {
        return new ArticleMessages(SourceType.FEED);
    }

    @Bean
    Function<FetchedArticles, List<Message<ArticleIngested>>> articleSource() {
        return new ArticleMessages(SourceType.ARTICLE);
    }

    @Bean
    Function<PageEvents, List<Message<?>>> frontPageSource() {
        return new FrontPageMessages();
    }

    /** Both the feed and article sources' {@code ArticleWriter} and the front pages' {@code PageEventsWriter}. */
    @Bean
    BinderFetchWriter sourceFetchWriter(BinderFactory binders, BeanFactory beans) {
        return new BinderFetchWriter(binders, beans, Map.of(SourceType.FEED, input(FEED),
                SourceType.ARTICLE, input(ARTICLE), SourceType.FRONT_PAGE, input(FRONT_PAGE)));
    }

    static String input(String function) {
        return function + "-in-0";
    }
}

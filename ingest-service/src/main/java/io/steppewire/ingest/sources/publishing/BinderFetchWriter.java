package io.steppewire.ingest.sources.publishing;

import io.steppewire.ingest.pages.PageEvents;
import io.steppewire.ingest.pages.PageEventsWriter;
import io.steppewire.ingest.sources.ArticleWriter;
import io.steppewire.ingest.sources.FetchedArticles;
import io.steppewire.ingest.sources.SourceType;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.EnumMap;
import java.util.Map;

/**
 * Publishes a fetch through its source type's stream function: the fetch (a feed's or an article's articles, or a front
 * page's events) goes into the function's input binding channel on the caller's thread, inside a transaction of the
 * Kafka binder's transactional producer, so the function's messages leave through its output binding in that one
 * transaction and the call returns only after the commit.
 * <p>
 * The transaction manager is built here, not declared as a bean: a {@link KafkaTransactionManager} bean would make
 * Spring Boot back off from the one {@code POST /api/pages} relies on.
 */
final class BinderFetchWriter implements ArticleWriter, PageEventsWriter {

    private final BinderFactory binders;
    private final BeanFactory beans;
    private final Map<SourceType, String> inputBindings;
    private volatile TransactionTemplate transactions;

    /** @param inputBindings the input binding of each source type's function; front pages' is the one of FRONT_PAGE */
    BinderFetchWriter(BinderFactory binders, BeanFactory beans, Map<SourceType, String> inputBindings) {
        this.binders = binders;
        this.beans = beans;
        this.inputBindings = new EnumMap<>(inputBindings);
    }

    @Override
    public void publish(FetchedArticles fetch) {
        if (fetch.articles().isEmpty()) {
            return;
        }
        send(fetch.type(), fetch);
    }

    /** A fetched front page's articles and quotes, through {@code frontPageSource}. */
    @Override
    public void write(PageEvents page) {
        send(SourceType.FRONT_PAGE, page);
    }

    private void send(SourceType type, Object fetch) {
        String binding = inputBindings.get(type);
        if (binding == null) {
            throw new IllegalArgumentException("No stream function publishes " + type.wireName() + " sources");
        }
        MessageChannel input = beans.getBean(binding, MessageChannel.class);
        try {
            transactions().executeWithoutResult(status -> {
                if (!input.send(MessageBuilder.withPayload(fetch).build())) {
                    throw new IllegalStateException("the " + type.wireName() + " function's binding refused the fetch");
                }
            });
        } catch (RuntimeException e) {
            throw new IllegalStateException("Kafka did not commit the fetch's events: " + rootMessage(e), e);
        }
    }

    private TransactionTemplate transactions() {
        TransactionTemplate template = transactions;
        if (template == null) {
            // The binder exists once the bindings are bound, which is after this bean is made.
            KafkaMessageChannelBinder binder = (KafkaMessageChannelBinder) binders.getBinder(null, MessageChannel.class);
            ProducerFactory<byte[], byte[]> producers = binder.getTransactionalProducerFactory();
            if (producers == null) {
                throw new IllegalStateException("The Kafka binder is not transactional: set"
                        + " spring.cloud.stream.kafka.binder.transaction.transaction-id-prefix");
            }
            template = new TransactionTemplate(new KafkaTransactionManager<>(producers));
            transactions = template;
        }
        return template;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}

package io.steppewire.article.support;

import io.steppewire.events.CloudEvent;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Plays ingest-service writing articles in Kafka transactions, one of which it aborts. */
public final class TransactionalIngest {

    /**
     * Writes {@code aborted} in a transaction that is aborted, then {@code committed} in one that is committed,
     * both to the same partition: once {@code committed} is stored, a reader has read past the aborted one.
     */
    public static void abortThenCommit(String brokers, ArticleIngested aborted, ArticleIngested committed) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "aborting-ingest-" + UUID.randomUUID()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(record(aborted));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(record(committed));
            producer.commitTransaction();
        }
    }

    private static ProducerRecord<String, byte[]> record(ArticleIngested article) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.ARTICLES.name(), 0, article.articleId(),
                Topics.ARTICLES.valueSerde().serialize(Topics.ARTICLES.name(), article));
        CloudEvent.of(Topics.ARTICLES, article.articleId(), "/steppewire/test", Instant.now(), article.articleId())
                .writeTo(record.headers());
        return record;
    }

    private TransactionalIngest() {
    }
}

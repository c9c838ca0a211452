package io.steppewire.article.projection;

import io.steppewire.article.support.Newsroom;
import io.steppewire.article.support.ServiceTest;
import io.steppewire.events.Topics;
import io.steppewire.platform.kafka.DeadLetterPolicy;
import io.steppewire.events.article.ArticleIngested;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeadLetterTest extends ServiceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void sendsAnUnreadableArticleToTheDeadLetterTopicWithTheReasonAndMovesOn() {
        String key = "garbled-" + UUID.randomUUID();
        ArticleIngested nextStory = Newsroom.story("dead-letter-gazette", "Gazette Prints Its Thousandth Edition",
                "TARAZ - The gazette marked the day with a free edition.").event();

        publisher.publishRaw(Topics.ARTICLES.name(), key, "{\"articleId\": 42, this is not JSON".getBytes(StandardCharsets.UTF_8));
        publisher.publish(Topics.ARTICLES, key, nextStory.articleId(), nextStory);

        ConsumerRecord<String, byte[]> letter = deadLetter(key);
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).startsWith("{\"articleId\": 42");
        assertThat(header(letter, "kafka_dlt-original-topic")).isEqualTo(Topics.ARTICLES.name());
        assertThat(header(letter, "kafka_dlt-original-offset")).isNotNull();
        assertThat(header(letter, "kafka_dlt-exception-message")).contains("not a valid ArticleIngested");
        assertThat(header(letter, DeadLetterPolicy.REASON_HEADER)).contains("not a valid ArticleIngested");
        assertThat(header(letter, "ce_source")).isEqualTo("/steppewire/article-service");
        assertThat(header(letter, "ce_type")).isEqualTo(Topics.ARTICLES.eventType());

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.get("/api/articles/" + nextStory.articleId()).status()).isEqualTo(200));
    }

    @Test
    void deadLettersAnUnreadableArticleOfSixMegabytesWhole() {
        String key = "huge-" + UUID.randomUUID();
        byte[] value = new byte[6_000_000];
        Arrays.fill(value, (byte) 'a');
        byte[] start = "{\"articleId\": \"".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(start, 0, value, 0, start.length);

        publisher.publishRaw(Topics.ARTICLES.name(), key, value);

        ConsumerRecord<String, byte[]> letter = deadLetter(key);
        assertThat(letter.value()).isEqualTo(value);
        assertThat(header(letter, "kafka_dlt-original-topic")).isEqualTo(Topics.ARTICLES.name());
    }

    private ConsumerRecord<String, byte[]> deadLetter(String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ARTICLES.deadLetterName()));
            List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        dead.add(r);
                    }
                });
                return !dead.isEmpty();
            });
            return dead.getFirst();
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

package io.steppewire.notify.alerting;

import io.steppewire.events.Topics;
import io.steppewire.notify.support.NotifyIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeadLetterTest extends NotifyIntegrationTest {

    @Test
    void anUnreadableArticleGoesToTheDeadLetterTopicWithItsOriginAndReason() {
        String key = "garbled-" + System.nanoTime();
        publishRaw(Topics.ARTICLES.name(), key, "this is not an article".getBytes(StandardCharsets.UTF_8));

        try (KafkaConsumer<String, byte[]> deadLetters = readerOf(Topics.ARTICLES.deadLetterName())) {
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                deadLetters.poll(Duration.ofMillis(500)).forEach(seen::add);
                return seen.stream().anyMatch(r -> key.equals(r.key()) && "notify-service".equals(header(r, "kafka_dlt-original-consumer-group")));
            });
            ConsumerRecord<String, byte[]> dead = seen.stream()
                    .filter(r -> key.equals(r.key()) && "notify-service".equals(header(r, "kafka_dlt-original-consumer-group"))).findFirst().orElseThrow();
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("this is not an article");
            assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.ARTICLES.name());
            assertThat(header(dead, "kafka_dlt-exception-stacktrace")).contains("not a valid ArticleIngested");
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

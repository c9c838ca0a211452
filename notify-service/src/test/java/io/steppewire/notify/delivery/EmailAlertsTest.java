package io.steppewire.notify.delivery;

import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.notify.delivery.outbox.EmailSender;
import io.steppewire.notify.support.InProcessSmtp;
import io.steppewire.notify.support.NotifyIntegrationTest;
import io.steppewire.notify.support.Stories;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmailAlertsTest extends NotifyIntegrationTest {

    @Test
    void mailsAMatchingArticleToTheSubscriberOverSmtp() throws Exception {
        String subscriptionId = subscribe("""
                {"name": "Turkmen gas by mail", "channel": {"type": "email", "address": "gas-desk@example.org"},
                 "rules": {"countries": ["TM"], "query": "gas OR pipeline"}}
                """);
        ArticleIngested pipeline = Stories.article("Galkynysh Field Adds a Fourth Gas Treatment Line",
                "MARY – The new line lets the field ship more gas into the eastbound pipeline, the operator said.",
                List.of("TM"), List.of("energy"), List.of());

        publish(Topics.ARTICLES, pipeline.articleId(), pipeline.articleId(), pipeline);

        await().atMost(PATIENCE).until(() -> !mailsTo("gas-desk@example.org").isEmpty());
        assertThat(mailsTo("gas-desk@example.org")).hasSize(1);
        MimeMessage mail = mailsTo("gas-desk@example.org").getFirst();
        assertThat(mail.getSubject()).isEqualTo("steppewire: " + pipeline.title());
        assertThat(mail.getHeader(EmailSender.ALERT_ID_HEADER)[0]).isEqualTo(EventIds.alert(subscriptionId, pipeline.articleId()));
        assertThat(mail.getFrom()[0].toString()).isEqualTo("alerts@steppewire.local");
        assertThat(mail.getContent().toString()).contains(pipeline.articleId()).contains("\"kind\":\"article\"");
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(InProcessSmtp.server().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}

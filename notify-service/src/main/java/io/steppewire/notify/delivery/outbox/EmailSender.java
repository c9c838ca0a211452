package io.steppewire.notify.delivery.outbox;

import io.steppewire.notify.delivery.AttemptOutcome;
import io.steppewire.notify.subscription.Channel;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Mails one alert over SMTP (Spring Boot mail, {@code spring.mail.host} / env {@code SPRING_MAIL_HOST}).
 * The alert id travels in the {@code X-Steppewire-Alert-Id} header so mail rules can drop repeats.
 */
@Component
public class EmailSender {

    public static final String ALERT_ID_HEADER = "X-Steppewire-Alert-Id";

    private final ObjectProvider<JavaMailSender> mail;
    private final DeliveryProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    public EmailSender(ObjectProvider<JavaMailSender> mail, DeliveryProperties properties, JsonMapper json, Clock clock) {
        this.mail = mail;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    public AttemptOutcome send(Channel.Email email, String alertId, String body) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return AttemptOutcome.retryable(started, Duration.ZERO, null,
                    "No SMTP server is configured; set spring.mail.host (env SPRING_MAIL_HOST)");
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
            helper.setFrom(properties.mailFrom());
            helper.setTo(email.address());
            helper.setSubject(subject(body));
            helper.setText(body);
            message.setHeader(ALERT_ID_HEADER, alertId);
            sender.send(message);
            return AttemptOutcome.success(started, Duration.ofNanos(System.nanoTime() - startNanos), null);
        } catch (MessagingException | MailException e) {
            return AttemptOutcome.retryable(started, Duration.ofNanos(System.nanoTime() - startNanos), null,
                    "The SMTP server refused the message: " + e.getMessage());
        }
    }

    private String subject(String body) {
        JsonNode alert = json.readTree(body);
        if ("rate".equals(alert.path("kind").asString())) {
            JsonNode change = alert.path("rateChange");
            return "steppewire: " + change.path("pair").asString() + " moved " + change.path("naiveChangePct").asString() + "%";
        }
        return "steppewire: " + alert.path("article").path("title").asString();
    }
}

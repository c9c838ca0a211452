package io.steppewire.notify.delivery.outbox;

import io.steppewire.events.EventJson;
import io.steppewire.events.alert.AlertRaised;
import io.steppewire.notify.delivery.AttemptOutcome;
import io.steppewire.notify.subscription.Channel;
import io.steppewire.notify.subscription.Subscription;
import io.steppewire.notify.templates.Templates;
import io.steppewire.notify.unsubscribe.UnsubscribeTokens;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Mails alerts over SMTP (Spring Boot mail, {@code spring.mail.host} / env {@code SPRING_MAIL_HOST}), written for a
 * person: a subject that says what happened, a plain-text and an HTML part (Thymeleaf templates under
 * {@code templates/notify/}), and the JSON as an attachment for tools. Every message carries
 * <ul>
 *   <li>{@code Message-ID} made of the alert or digest id, the same for every attempt, and {@code X-Steppewire-Alert-Id}
 *       with that id, so that a repeat after a crash is recognisable;</li>
 *   <li>{@code List-Unsubscribe} with a signed link and {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}
 *       (RFC 8058): a mail client's one-click unsubscribe pauses the subscription.</li>
 * </ul>
 */
@Component
public class EmailSender {

    public static final String ALERT_ID_HEADER = "X-Steppewire-Alert-Id";
    /** The right part of every Message-ID. */
    static final String MESSAGE_ID_DOMAIN = "notify.steppewire";

    private final ObjectProvider<JavaMailSender> mail;
    private final DeliveryProperties properties;
    private final Templates templates;
    private final UnsubscribeTokens unsubscribe;
    private final Clock clock;

    public EmailSender(ObjectProvider<JavaMailSender> mail, DeliveryProperties properties, Templates templates, UnsubscribeTokens unsubscribe,
                       Clock clock) {
        this.mail = mail;
        this.properties = properties;
        this.templates = templates;
        this.unsubscribe = unsubscribe;
        this.clock = clock;
    }

    /** One alert: its subject and body made of the alert JSON {@code body}, which is attached as {@code alert.json}. */
    public AttemptOutcome send(Channel.Email email, String alertId, String body, Subscription subscription) {
        String link = unsubscribe.link(subscription.id());
        MailContent.AlertMail content = MailContent.alert(EventJson.mapper().readValue(body, AlertRaised.class), link);
        Map<String, Object> variables = Map.of("mail", content);
        return send(email, alertId, content.subject(), templates.render("alert.txt", variables), templates.render("alert.html", variables),
                "alert.json", body, link);
    }

    /** A digest or an hour's roll-up: its alerts grouped by story and pair, the message JSON attached as {@code digest.json}. */
    public AttemptOutcome sendDigest(Channel.Email email, DigestMessage message, Subscription subscription) {
        String link = unsubscribe.link(subscription.id());
        MailContent.DigestMail content = MailContent.digest(message, link);
        Map<String, Object> variables = Map.of("mail", content);
        return send(email, message.digestId(), content.subject(), templates.render("digest.txt", variables),
                templates.render("digest.html", variables), "digest.json", message.json(), link);
    }

    private AttemptOutcome send(Channel.Email email, String id, String subject, String text, String html, String jsonName, String json,
                                String unsubscribeLink) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return AttemptOutcome.retryable(started, Duration.ZERO, null,
                    "No SMTP server is configured; set spring.mail.host (env SPRING_MAIL_HOST)");
        }
        try {
            MimeMessage message = newMessage(sender, "<" + id + "@" + MESSAGE_ID_DOMAIN + ">");
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED, StandardCharsets.UTF_8.name());
            helper.setFrom(properties.mailFrom());
            helper.setTo(email.address());
            helper.setSubject(subject);
            helper.setText(text, html);
            helper.addAttachment(jsonName, new ByteArrayResource(json.getBytes(StandardCharsets.UTF_8)), "application/json");
            message.setHeader(ALERT_ID_HEADER, id);
            message.setHeader("List-Unsubscribe", "<" + unsubscribeLink + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            sender.send(message);
            return AttemptOutcome.success(started, Duration.ofNanos(System.nanoTime() - startNanos), null);
        } catch (MessagingException | MailException e) {
            return AttemptOutcome.retryable(started, Duration.ofNanos(System.nanoTime() - startNanos), null,
                    "The SMTP server refused the message: " + e.getMessage());
        }
    }

    /**
     * A message whose Message-ID stays {@code messageId}: Jakarta Mail would give every attempt a random one when it
     * saves the message.
     */
    private static MimeMessage newMessage(JavaMailSender sender, String messageId) {
        if (sender instanceof JavaMailSenderImpl impl) {
            return new MimeMessage(impl.getSession()) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
        }
        return sender.createMimeMessage();
    }
}

package io.steppewire.notify.support;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Reads what the in-process SMTP server received. */
public final class Mails {

    private Mails() {
    }

    /** The messages received for this address, oldest first. */
    public static List<MimeMessage> to(String address) {
        return Arrays.stream(InProcessSmtp.server().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The first part of the message with this content type, as text; null when it has none. */
    public static @Nullable String part(Part part, String contentType) throws MessagingException, IOException {
        if (part.isMimeType(contentType)) {
            Object content = part.getContent();
            if (content instanceof String text) {
                return text;
            }
            try (InputStream in = (InputStream) content) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = part(child, contentType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}

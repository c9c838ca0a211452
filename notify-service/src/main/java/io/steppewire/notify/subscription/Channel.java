package io.steppewire.notify.subscription;

import java.net.URI;

/** Where a subscription's alerts go. */
public sealed interface Channel {

    String WEBHOOK = "webhook";
    String SSE = "sse";
    String EMAIL = "email";

    String type();

    /**
     * POSTs each alert as JSON, signed after Standard Webhooks.
     *
     * @param secret the signing key: {@code whsec_<base64>} or any text of at least 16 characters
     */
    record Webhook(URI url, String secret) implements Channel {
        @Override
        public String type() {
            return WEBHOOK;
        }

        @Override
        public String toString() {
            // Never let the secret reach a log line.
            return "Webhook[url=" + url + "]";
        }
    }

    /** Alerts are only read from the subscription's server-sent events stream. */
    record ServerSentEvents() implements Channel {
        @Override
        public String type() {
            return SSE;
        }
    }

    /** Mails each alert over SMTP. */
    record Email(String address) implements Channel {
        @Override
        public String type() {
            return EMAIL;
        }
    }
}

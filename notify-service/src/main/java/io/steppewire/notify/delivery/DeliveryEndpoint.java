package io.steppewire.notify.delivery;

import io.steppewire.notify.subscription.Channel;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The receiver a delivery goes to, as the unit that concurrency limits and circuits apply to: a webhook's scheme, host
 * and port (so one slow server holds back its own subscriptions, never others), and the one mail server for e-mail.
 */
public final class DeliveryEndpoint {

    /** Every e-mail goes through the one configured SMTP server. */
    public static final String MAIL_SERVER = "smtp";

    private DeliveryEndpoint() {
    }

    /** The endpoint of a channel; empty for a channel nothing is delivered to (server-sent events are read, not sent). */
    public static Optional<String> of(Channel channel) {
        return switch (channel) {
            case Channel.Webhook webhook -> Optional.of(ofUrl(webhook.url()));
            case Channel.Email ignored -> Optional.of(MAIL_SERVER);
            case Channel.ServerSentEvents ignored -> Optional.empty();
        };
    }

    /** The endpoint of a webhook URL: scheme, host and port (the scheme's default when the URL names none). */
    public static String ofUrl(URI url) {
        String scheme = url.getScheme() == null ? "http" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        int port = url.getPort() != -1 ? url.getPort() : "https".equals(scheme) ? 443 : 80;
        return scheme + "://" + host + ":" + port;
    }
}

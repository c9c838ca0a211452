package io.steppewire.notify.unsubscribe;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * The unsubscribe links of alert e-mails.
 *
 * @param secret         the HMAC key the links are signed with, at least 32 characters; empty: derived from the admin key
 *                       (so rotating the admin key then also ends every link sent before)
 * @param previousSecret a secret being rotated out: links signed with it still work until they expire
 * @param tokenTtl       how long a link works after its e-mail was sent
 * @param baseUrl        where subscribers reach this service, the links' start (e.g. https://alerts.example.org)
 */
@ConfigurationProperties("steppewire.notify.unsubscribe")
public record UnsubscribeProperties(@DefaultValue("") String secret, @DefaultValue("") String previousSecret,
                                    @DefaultValue("60d") Duration tokenTtl, @DefaultValue("http://localhost:8084") URI baseUrl) {

    public static final int MIN_SECRET_LENGTH = 32;

    public UnsubscribeProperties {
        if (!secret.isEmpty() && secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("steppewire.notify.unsubscribe.secret (env STEPPEWIRE_NOTIFY_UNSUBSCRIBE_SECRET) has "
                    + secret.length() + " characters; give at least " + MIN_SECRET_LENGTH + ", e.g. from: openssl rand -base64 32");
        }
        if (!previousSecret.isEmpty() && previousSecret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("steppewire.notify.unsubscribe.previous-secret has fewer than " + MIN_SECRET_LENGTH + " characters");
        }
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("steppewire.notify.unsubscribe.token-ttl must be positive, e.g. 60d");
        }
        if (baseUrl.getScheme() == null || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https"))
                || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("steppewire.notify.unsubscribe.base-url must be an http(s) URL, e.g. https://alerts.example.org");
        }
    }
}

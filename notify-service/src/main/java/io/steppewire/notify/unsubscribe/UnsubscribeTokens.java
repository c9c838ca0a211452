package io.steppewire.notify.unsubscribe;

import io.steppewire.notify.delivery.WebhookSignature;
import io.steppewire.platform.security.ApiProperties;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Signed unsubscribe tokens: {@code v1.<subscription id>.<expiry, unix seconds>.<signature>}, the signature the
 * base64url HMAC-SHA256 of everything before it under {@code steppewire.notify.unsubscribe.secret}. Whoever holds the
 * token may pause that one subscription until it expires, and nothing else; a token signed with the previous secret
 * is accepted while it is being rotated out. Compared in constant time.
 */
@Component
public class UnsubscribeTokens {

    private static final String VERSION = "v1";
    /** The whole token: a uuid, a number and 43 base64url characters; anything else is refused before any HMAC. */
    private static final Pattern SHAPE = Pattern.compile("v1\\.[0-9a-f-]{36}\\.[0-9]{1,12}\\.[A-Za-z0-9_-]{43}");

    /** Why a token is refused. */
    public enum Refusal { MALFORMED, FORGED, EXPIRED }

    /** A token that was read: its subscription, or why it is refused. */
    public record Verdict(@org.jspecify.annotations.Nullable String subscriptionId, @org.jspecify.annotations.Nullable Refusal refusal) {
    }

    private final List<byte[]> keys;
    private final UnsubscribeProperties properties;
    private final Clock clock;

    public UnsubscribeTokens(UnsubscribeProperties properties, ApiProperties api, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        List<byte[]> keys = new ArrayList<>();
        // Without a secret of its own, one derived from the admin key: distinct from it, and the same on every instance.
        keys.add(properties.secret().isEmpty() ? WebhookSignature.hmacSha256(api.key().getBytes(StandardCharsets.UTF_8), "steppewire unsubscribe links")
                : properties.secret().getBytes(StandardCharsets.UTF_8));
        if (!properties.previousSecret().isEmpty()) {
            keys.add(properties.previousSecret().getBytes(StandardCharsets.UTF_8));
        }
        this.keys = List.copyOf(keys);
    }

    /** A token for the subscription, working for {@code token-ttl} from now. */
    public String issue(String subscriptionId) {
        long expiry = clock.instant().plus(properties.tokenTtl()).getEpochSecond();
        String signed = VERSION + "." + subscriptionId + "." + expiry;
        return signed + "." + signature(keys.getFirst(), signed);
    }

    private static String signature(byte[] key, String signed) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(WebhookSignature.hmacSha256(key, signed));
    }

    /** The link an e-mail carries: {@code <base-url>/unsubscribe?token=...} (the token needs no escaping). */
    public String link(String subscriptionId) {
        String base = properties.baseUrl().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/unsubscribe?token=" + issue(subscriptionId);
    }

    public Verdict verify(String token) {
        if (token.length() > 120 || !SHAPE.matcher(token).matches()) {
            return new Verdict(null, Refusal.MALFORMED);
        }
        int lastDot = token.lastIndexOf('.');
        String signed = token.substring(0, lastDot);
        // Compared as text: 43 base64 characters carry 2 bits more than the 256 of the HMAC, and a decoder ignores them,
        // so comparing decoded bytes would take a few spellings of one signature.
        byte[] given = token.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
        boolean authentic = false;
        for (byte[] key : keys) {
            authentic |= MessageDigest.isEqual(signature(key, signed).getBytes(StandardCharsets.US_ASCII), given);
        }
        if (!authentic) {
            return new Verdict(null, Refusal.FORGED);
        }
        String[] parts = signed.split("\\.");
        if (Instant.ofEpochSecond(Long.parseLong(parts[2])).isBefore(clock.instant())) {
            return new Verdict(parts[1], Refusal.EXPIRED);
        }
        return new Verdict(parts[1], null);
    }
}

package io.steppewire.notify.delivery;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Signs webhook bodies after the Standard Webhooks convention: {@code v1,} followed by the base64
 * HMAC-SHA256 of {@code "{webhook-id}.{webhook-timestamp}.{body}"}. The key is the subscription
 * secret: for {@code whsec_<base64>} the decoded bytes after the prefix, otherwise the secret's UTF-8
 * bytes.
 */
public final class WebhookSignature {

    private static final String WHSEC_PREFIX = "whsec_";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    public static String sign(String secret, String webhookId, long timestampSeconds, String body) {
        return "v1," + Base64.getEncoder().encodeToString(hmacSha256(key(secret), webhookId + "." + timestampSeconds + "." + body));
    }

    /** HMAC-SHA256 of the text's UTF-8 bytes: the one MAC notify-service signs with (webhooks, unsubscribe links). */
    public static byte[] hmacSha256(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static byte[] key(String secret) {
        if (secret.startsWith(WHSEC_PREFIX)) {
            return Base64.getDecoder().decode(secret.substring(WHSEC_PREFIX.length()));
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}

package io.steppewire.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The form of subscriber keys: {@code swk_} and 43 characters of 256 random bits. Only a SHA-256 hash is
 * stored. A slow password hash would add nothing: a key of 256 random bits cannot be guessed from its
 * hash, and a fast hash lets every request be checked by one indexed look-up.
 */
public final class SubscriberKeys {

    public static final String PREFIX = "swk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new key, to be shown once to whoever asked for it. */
    public static String generate() {
        byte[] bits = new byte[32];
        RANDOM.nextBytes(bits);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /** Whether the text has the shape of a subscriber key, so that other text never reaches the store. */
    public static boolean looksLikeOne(String presented) {
        if (!presented.startsWith(PREFIX) || presented.length() != PREFIX.length() + 43) {
            return false;
        }
        for (int i = PREFIX.length(); i < presented.length(); i++) {
            char c = presented.charAt(i);
            boolean base64Url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!base64Url) {
                return false;
            }
        }
        return true;
    }

    /** The stored form of a key: its SHA-256 in lower-case hex. */
    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private SubscriberKeys() {
    }
}

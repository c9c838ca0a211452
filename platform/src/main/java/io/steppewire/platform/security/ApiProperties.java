package io.steppewire.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin key and how it may be set ({@code steppewire.api.*}).
 *
 * @param key             the admin key, sent as {@code X-Api-Key}; env {@code STEPPEWIRE_API_KEY}
 * @param previousKey     the admin key being rotated out, still accepted until it is removed from the settings (empty:
 *                        none); env {@code STEPPEWIRE_API_PREVIOUS_KEY}. Rotation: set the new key here on every
 *                        instance with the old one as previous, move the clients, then drop the previous one.
 * @param allowDefaultKey start although the key is the published default {@value #PUBLISHED_DEFAULT_KEY}; only for
 *                        a machine nobody else reaches (the local stack sets it); env
 *                        {@code STEPPEWIRE_API_ALLOW_DEFAULT_KEY}
 */
@ConfigurationProperties("steppewire.api")
public record ApiProperties(@DefaultValue(PUBLISHED_DEFAULT_KEY) String key, @DefaultValue("") String previousKey,
                            @DefaultValue("false") boolean allowDefaultKey) {

    /** The key the README and the local stack use: everyone knows it, so a real deployment must not. */
    public static final String PUBLISHED_DEFAULT_KEY = "local-dev-key";
    /** Shorter keys are refused: they could be guessed. */
    public static final int MIN_KEY_LENGTH = 12;

    public ApiProperties {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("steppewire.api.key (env STEPPEWIRE_API_KEY) is empty; set the admin key, "
                    + "at least " + MIN_KEY_LENGTH + " characters, e.g. from: openssl rand -base64 32");
        }
        if (key.equals(PUBLISHED_DEFAULT_KEY) && !allowDefaultKey) {
            throw new IllegalArgumentException("The admin key is the published default '" + PUBLISHED_DEFAULT_KEY
                    + "', which anyone can read in the README. Set STEPPEWIRE_API_KEY to a secret of at least "
                    + MIN_KEY_LENGTH + " characters (e.g. openssl rand -base64 32), or, on a machine nobody else reaches, "
                    + "set STEPPEWIRE_API_ALLOW_DEFAULT_KEY=true (steppewire.api.allow-default-key) as the local stack does.");
        }
        if (!key.equals(PUBLISHED_DEFAULT_KEY) && key.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("The admin key (STEPPEWIRE_API_KEY) has " + key.length()
                    + " characters; use at least " + MIN_KEY_LENGTH + " so that it cannot be guessed (e.g. openssl rand -base64 32).");
        }
        if (key.startsWith(SubscriberKeys.PREFIX)) {
            throw new IllegalArgumentException("The admin key (STEPPEWIRE_API_KEY) must not start with '" + SubscriberKeys.PREFIX
                    + "', the prefix of subscriber keys.");
        }
        checkPreviousKey(previousKey == null ? "" : previousKey, key);
    }

    /** Rotation: the previous key obeys the same rules as the key, except that it may be absent. */
    private static void checkPreviousKey(String previousKey, String key) {
        if (previousKey.isEmpty()) {
            return;
        }
        if (previousKey.equals(PUBLISHED_DEFAULT_KEY) || previousKey.length() < MIN_KEY_LENGTH
                || previousKey.startsWith(SubscriberKeys.PREFIX) || previousKey.equals(key)) {
            throw new IllegalArgumentException("steppewire.api.previous-key (env STEPPEWIRE_API_PREVIOUS_KEY) must be the old "
                    + "admin key being rotated out: at least " + MIN_KEY_LENGTH + " characters, not the published default, "
                    + "and not the same as the new key.");
        }
    }

    public boolean usesDefaultKey() {
        return key.equals(PUBLISHED_DEFAULT_KEY);
    }
}

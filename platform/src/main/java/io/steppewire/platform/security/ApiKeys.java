package io.steppewire.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/** Tells who a presented {@code X-Api-Key} belongs to: the admin, a subscriber, or nobody. */
public final class ApiKeys {

    private final byte[] adminKey;
    private final byte[] previousAdminKey;
    private final List<SubscriberKeyResolver> subscriberKeys;

    public ApiKeys(ApiProperties properties, List<SubscriberKeyResolver> subscriberKeys) {
        this.adminKey = properties.key().getBytes(StandardCharsets.UTF_8);
        this.previousAdminKey = properties.previousKey().getBytes(StandardCharsets.UTF_8);
        this.subscriberKeys = List.copyOf(subscriberKeys);
    }

    public Optional<ApiCaller> identify(String presented) {
        // Constant-time comparison: the time to refuse must not tell how much of a guess was right.
        byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
        if (MessageDigest.isEqual(adminKey, bytes) || (previousAdminKey.length > 0 && MessageDigest.isEqual(previousAdminKey, bytes))) {
            return Optional.of(ApiCaller.ADMIN);
        }
        if (subscriberKeys.isEmpty() || !SubscriberKeys.looksLikeOne(presented)) {
            return Optional.empty();
        }
        String hash = SubscriberKeys.hash(presented);
        for (SubscriberKeyResolver resolver : subscriberKeys) {
            Optional<ApiCaller> caller = resolver.resolve(hash);
            if (caller.isPresent()) {
                return caller;
            }
        }
        return Optional.empty();
    }
}

package io.steppewire.notify.subscription;

import java.net.URI;
import java.util.Optional;

/**
 * Whether a webhook URL may be called at all: its form, and where its host points now. The delivery checks the
 * address again before every attempt, since a name may resolve differently later.
 */
@FunctionalInterface
public interface WebhookUrlCheck {

    /** Why the URL must not be called, as a phrase that follows "channel.url", or empty when it may be. */
    Optional<String> refusal(URI url);
}

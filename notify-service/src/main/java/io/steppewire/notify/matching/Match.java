package io.steppewire.notify.matching;

import io.steppewire.notify.subscription.Subscription;

import java.util.List;

/** A subscription that an event matched, and which of its rules did. */
public record Match(Subscription subscription, List<String> matchedOn) {

    public Match {
        matchedOn = List.copyOf(matchedOn);
    }
}

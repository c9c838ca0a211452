package io.steppewire.rates.stream;

import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;
import org.jspecify.annotations.Nullable;

/** Where the change detector sends a record: a change to publish, or a quote for the dead-letter topic. */
sealed interface Routed {

    record Change(RateChanged change) implements Routed {
    }

    record Rejected(@Nullable RateQuoted quote) implements Routed {
    }
}

package io.steppewire.rates.official.fetch;

import io.steppewire.events.fx.RateQuoted;

import java.util.List;

/** Where the quotes of one publication go, all or none of them: {@code fx.quotes.v1} in one Kafka transaction. */
@FunctionalInterface
public interface QuoteSink {

    /** @throws RuntimeException when none of them were published */
    void publish(List<RateQuoted> quotes);
}
